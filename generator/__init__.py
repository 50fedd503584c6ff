"""playbook: long-tail keyword plans, the editorial workflow and the sales playbook site.

The package is the library; ``generator.cli`` is a thin Click layer over it.
No module outside ``generator.cli`` imports Click.
"""

__version__ = "0.1.0"
