"""Keyword intelligence: read exports, normalise, analyse the long tail, write the plan."""
