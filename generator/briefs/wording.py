"""The editorial fields of a brief, derived from a keyword cluster.

Rules (documented here once):

- **Search intent**: intent labels folded into four families (question/howto/
  definition -> informational; comparison/best/review -> commercial; pricing/buy/
  template/software -> transactional; navigational): the pillar keyword's own
  labels when it has any, else the cluster's intent mix; the family with the most
  labels wins, ties in that order; nothing known -> informational.
- **Buyer-journey stage**: informational -> ``problem_education``; commercial ->
  ``solution_research``; transactional and navigational -> ``decision``.
- **Title**: from the pillar and its own labels: a question pillar stays a question
  ("How to …" gets ": a step-by-step guide"); "vs" -> "…: which one fits your
  team?"; commercial -> "Best …: options compared"; transactional -> "…: how to
  choose and use one"; otherwise "…: a practical guide". The pillar is always in it.
- **Word count**: informational 1,200-1,800, commercial 1,500-2,200, transactional
  800-1,200, navigational 600-1,000; plus 100 words per 10 keywords beyond the
  first 10 (at most +600), to cover a bigger cluster.
- **Internal links** and **persona**: topic words (:data:`LINK_TABLE`, :data:`PERSONAS`)
  weighted 3 for a match in the pillar or label plus 1 per matching subtopic or
  question; links need weight 2 or more (at most 3, heaviest first, else /formulas/);
  the heaviest persona wins (ties: sales leader, marketer, sales rep).
"""

from __future__ import annotations

import re

FAMILIES = ("informational", "commercial", "transactional", "navigational")
_FAMILY_OF = {
    "informational": "informational", "question": "informational", "howto": "informational",
    "definition": "informational", "guide": "informational", "examples": "informational",
    "commercial": "commercial", "comparison": "commercial", "best": "commercial", "review": "commercial",
    "alternatives": "commercial", "transactional": "transactional", "pricing": "transactional",
    "price": "transactional", "buy": "transactional", "template": "transactional",
    "software": "transactional", "free": "transactional", "navigational": "navigational",
    "brand": "navigational",
}
STAGE_OF = {
    "informational": "problem_education", "commercial": "solution_research",
    "transactional": "decision", "navigational": "decision",
}
WORD_COUNT = {
    "informational": (1200, 1800), "commercial": (1500, 2200),
    "transactional": (800, 1200), "navigational": (600, 1000),
}
QUESTION_WORDS = frozenset(
    "how what why when where which who whom whose can could should is are do does did will "
    "would".split()
)
ACRONYMS = frozenset(
    "sla slas gpct bant kpi kpis crm seo roi b2b b2c saas sdr sdrs bdr bdrs ote cac ltv vp ceo cro "
    "cmo faq faqs ae aes smb".split()
)
LINK_TABLE = (
    (r"scorecard", "/hiring/scorecard/", "the interview scorecard"),
    (r"hiring|hire|recruit", "/hiring/", "the hiring formula"),
    (r"training|gpct|bant|qualif", "/training/qualifying/", "qualifying with GPCT"),
    (r"compensation|commission|comp plan", "/management/compensation/", "sales compensation plans"),
    (r"contest", "/management/contests/", "running sales contests"),
    (r"coaching", "/management/", "metrics-driven coaching"),
    (r"buyer matrix|lead scoring", "/demand-generation/buyer-matrix/", "the buyer matrix"),
    (r"sla|lead goal", "/demand-generation/sla/", "the sales and marketing SLA"),
    (r"journalis|committee|thought leadership", "/demand-generation/content-machine/", "the journalist and committee"),
    (r"inbound|content|long tail", "/demand-generation/long-tail/", "the long tail of search"),
)
FALLBACK_LINK = ("/formulas/", "the sales acceleration formulas")
_LINKS = re.compile("|".join(rf"\b(?P<g{i}>{p})" for i, (p, _, _) in enumerate(LINK_TABLE)))
PERSONAS = (
    ("sales_leader", r"hiring|hire|recruit|interview|scorecard|coach|compensation|commission|quota|contest|"
                     r"manag|forecast|territor|onboard|leaders?\b|vp\b"),
    ("marketer", r"lead|inbound|content|seo|marketing|sla|buyer|long tail|blog|persona|demand|campaign|"
                 r"journalis|brand"),
    ("sales_rep", r"prospect|cold call|objection|qualif|gpct|bant|discovery|demo|closing|follow up"),
)
_PERSONAS = re.compile("|".join(rf"\b(?P<g{i}>{p})" for i, (_, p) in enumerate(PERSONAS)))
PERSONA_LABEL = {"sales_leader": "sales leader", "marketer": "marketer", "sales_rep": "sales rep"}
CTA = {
    "problem_education": ("/formulas/", "See how the sales acceleration formulas fit together"),
    "solution_research": ("/calculators/", "Run your own numbers in the playbook calculators"),
    "decision": ("/calculators/", "Run your own numbers in the playbook calculators"),
}


def cap(text: str) -> str:
    """First letter upper-case, known acronyms (SLA, GPCT…) upper-case, the rest as is."""
    text = " ".join(str(text).split())
    words = [w.upper() if w.lower() in ACRONYMS else w for w in text.split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def sentence(question: str) -> str:
    """A question keyword as a sentence: capitalised, ending with '?'."""
    text = cap(question).rstrip(" ?.!")
    return f"{text}?" if text else ""


def intent_family(intent_mix, default: str | None = "informational") -> str | None:
    """The dominant intent family of ``(label, count)`` pairs (see the module notes)."""
    counts = dict.fromkeys(FAMILIES, 0)
    for label, count in intent_mix:
        family = _FAMILY_OF.get(label)
        if family:
            counts[family] += count
    best = max(FAMILIES, key=lambda f: (counts[f], -FAMILIES.index(f)))
    return best if counts[best] else default


def pillar_kind(pillar: str, family: str) -> str:
    """question | comparison | commercial | transactional | navigational | informational."""
    first = pillar.split(" ", 1)[0].lower() if pillar else ""
    if first in QUESTION_WORDS:
        return "question"
    if re.search(r"\b(?:vs|versus|compared?|comparison)\b", pillar.lower()):
        return "comparison"
    return family if family != "informational" else "informational"


def title(pillar: str, kind: str) -> str:
    """The working title (contains the pillar)."""
    text = cap(pillar)
    if kind == "question":
        return f"{text}: a step-by-step guide" if pillar.lower().startswith("how to ") else sentence(pillar)
    if kind == "comparison":
        return f"{text}: which one fits your team?"
    if kind == "commercial":
        return f"{text}, compared" if re.match(r"(?i)(best|top)\b", pillar) else f"Best {pillar}: options compared"
    if kind == "transactional":
        return f"{text}: how to choose and use one"
    if kind == "navigational":
        return f"{text}: an overview"
    return f"{text}: a practical guide"


def weights(pattern: re.Pattern, head: list[str], phrases: list[str]) -> dict[int, int]:
    """Topic index -> 3 per headline text it occurs in + 1 per phrase (see the module notes)."""
    found: dict[int, int] = {}
    for texts, points in ((head, 3), (phrases, 1)):
        for text in texts:
            for i in {int(m.lastgroup[1:]) for m in pattern.finditer(text.lower())}:
                found[i] = found.get(i, 0) + points
    return found


def persona(head: list[str], phrases: list[str]) -> str:
    """The persona whose topic words weigh most (ties: leader, marketer, rep); default sales_leader."""
    found = weights(_PERSONAS, head, phrases)
    if not found:
        return "sales_leader"
    best = min(found, key=lambda i: (-found[i], i))
    return PERSONAS[best][0]


def internal_links(head: list[str], phrases: list[str], limit: int = 3) -> list[dict]:
    """The playbook pages whose topic words weigh 2 or more, heaviest first; else the formulas page."""
    found = weights(_LINKS, head, phrases)
    ranked = sorted((i for i in found if found[i] >= 2), key=lambda i: (-found[i], i))
    links = [{"url": LINK_TABLE[i][1], "anchor": LINK_TABLE[i][2]} for i in ranked[:limit]]
    return links or [{"url": FALLBACK_LINK[0], "anchor": FALLBACK_LINK[1]}]


def word_count(family: str, keywords: int) -> dict:
    low, high = WORD_COUNT[family]
    extra = min(600, max(0, (keywords - 10) // 10) * 100)
    return {"min": low + extra, "max": high + extra}


def quoted(pillar: str) -> str:
    """The keyword as a term in running text: “sales compensation plan”."""
    return f"“{pillar}”"


def gpct(pillar: str, reader: str) -> dict:
    term = quoted(pillar)
    return {
        "goals": f"What does the {reader} want {term} to change: which number or outcome should improve?",
        "plans": f"What is the {reader} planning to do about {term}, and what have they tried already?",
        "challenges": f"What stands in the way of {term}: budget, skills, data or buy-in?",
        "timeline": f"By when does the {reader} need results from {term}: this quarter, this year?",
    }


def angle(pillar: str, stage: str, reader: str, expert: str) -> str:
    term = quoted(pillar)
    if stage == "solution_research":
        return f"Compare the ways to handle {term} and give the {reader} a clear way to choose, backed by {expert}'s results."
    if stage == "decision":
        return f"Help the {reader} act on {term} now: a checklist, the pitfalls and what good looks like, from {expert}."
    return f"Why {term} matters to a {reader}, and a repeatable way to get it right, from {expert}'s first-hand experience."


def questions(cluster_questions, pillar: str, kind: str, limit: int = 8) -> list[str]:
    """The cluster's question keywords as sentences; generic ones when it has none."""
    term = quoted(pillar)
    found = [sentence(q) for q in cluster_questions[:limit]]
    found = list(dict.fromkeys(q for q in found if q))
    if found:
        return found
    if kind == "question":
        return [sentence(pillar), "What mistakes should the reader avoid?", "How do you measure success?"]
    return [f"What is {term}, and why does it matter?", f"How do you get {term} right?",
            f"What mistakes should you avoid with {term}?"]


def interview(pillar: str, reader: str, expert: str, brief_questions: list[str]) -> dict:
    term = quoted(pillar)
    asked = [
        f"When did {term} first matter for your team, and what happened?",
        "What result did you measure, and over what period?",
        f"What would you tell a {reader} who is starting today?",
    ]
    asked += [f"From your experience, {_lower_first(q)}" for q in brief_questions[:2]]
    return {
        "goal": f"Capture {expert}'s first-hand experience with {term}: one story, one number and one recommendation.",
        "questions": asked,
        "date": None,
    }


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def outline(subtopics, question_list: list[str], reader: str, stem_words, max_h2: int = 5) -> list[dict]:
    """H2s from the best subtopics, the rest attached as H3s to the H2 sharing most words."""
    sections = [{"h2": cap(s), "h3": [], "_stems": stem_words(s)} for s in subtopics[:max_h2]]
    for sub in subtopics[max_h2 : max_h2 + 15]:
        mine = stem_words(sub)
        best = max(sections, key=lambda s: len(s["_stems"] & mine), default=None)
        if best is not None and best["_stems"] & mine and len(best["h3"]) < 3:
            best["h3"].append(cap(sub))
    if not sections:
        sections = [{"h2": h, "h3": []} for h in ("Why it matters", "How to get started", "Common mistakes")]
    out = [{"h2": s["h2"], "h3": s["h3"]} for s in sections]
    if question_list:
        out.append({"h2": f"Questions {reader}s ask", "h3": question_list[:6]})
    out.append({"h2": "Next steps", "h3": []})
    return out
