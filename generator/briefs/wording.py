"""The editorial fields of a brief, derived from a keyword cluster.

Rules (documented here once):

- **Search intent**: the cluster's intent mix folded into four families
  (question/howto/definition -> informational; comparison/best/review -> commercial;
  pricing/buy/template/software -> transactional; navigational); the family with
  the most keywords wins, ties in that order; nothing known -> informational.
- **Buyer-journey stage**: informational -> ``problem_education``; commercial ->
  ``solution_research``; transactional and navigational -> ``decision``.
- **Title**: from the pillar: a question pillar stays a question ("How to …" gets
  ": a step-by-step guide"); comparison -> "…: which one fits your team?";
  commercial -> "Best …: options compared"; transactional -> "…: what to check
  before you choose"; otherwise "…: a practical guide". The pillar is always in it.
- **Word count**: informational 1,200-1,800, commercial 1,500-2,200, transactional
  800-1,200, navigational 600-1,000; plus 100 words per 10 keywords beyond the
  first 10 (at most +600), to cover a bigger cluster.
- **Internal links**: first matches in :data:`LINK_TABLE` (at most 3), else /formulas/.
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
    (r"journalist|committee", "/demand-generation/content-machine/", "the journalist and committee"),
    (r"inbound|content|long tail", "/demand-generation/long-tail/", "the long tail of search"),
)
FALLBACK_LINK = ("/formulas/", "the sales acceleration formulas")
_LINKS = tuple((re.compile(rf"\b(?:{p})"), url, anchor) for p, url, anchor in LINK_TABLE)
PERSONAS = (
    ("sales_leader", re.compile(
        r"\b(?:hiring|hire|recruit|interview|scorecard|coach|compensation|commission|quota|contest|"
        r"manag|forecast|territor|onboard|leader|vp)")),
    ("marketer", re.compile(
        r"\b(?:lead|inbound|content|seo|marketing|sla|buyer|long tail|blog|persona|demand|campaign)")),
    ("sales_rep", re.compile(
        r"\b(?:prospect|cold call|objection|qualif|gpct|bant|discovery|demo|closing|follow up|rep)")),
)
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


def intent_family(intent_mix) -> str:
    """The dominant intent family of a cluster (see the module notes)."""
    counts = dict.fromkeys(FAMILIES, 0)
    for label, count in intent_mix:
        family = _FAMILY_OF.get(label)
        if family:
            counts[family] += count
    best = max(FAMILIES, key=lambda f: (counts[f], -FAMILIES.index(f)))
    return best if counts[best] else "informational"


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
        return f"{text}: what to check before you choose"
    if kind == "navigational":
        return f"{text}: an overview"
    return f"{text}: a practical guide"


def persona(text: str) -> str:
    """The persona whose topic words occur most in ``text`` (ties: leader, marketer, rep)."""
    hits = [(len(rx.findall(text)), -i, name) for i, (name, rx) in enumerate(PERSONAS)]
    count, _, name = max(hits)
    return name if count else "sales_leader"


def internal_links(text: str, limit: int = 3) -> list[dict]:
    """Playbook pages whose topic words occur in ``text`` (table order), else the formulas page."""
    links = [{"url": url, "anchor": anchor} for rx, url, anchor in _LINKS if rx.search(text)]
    if not links:
        links = [{"url": FALLBACK_LINK[0], "anchor": FALLBACK_LINK[1]}]
    return links[:limit]


def word_count(family: str, keywords: int) -> dict:
    low, high = WORD_COUNT[family]
    extra = min(600, max(0, (keywords - 10) // 10) * 100)
    return {"min": low + extra, "max": high + extra}


def gpct(pillar: str, reader: str) -> dict:
    return {
        "goals": f"What does the {reader} want {pillar} to change: which number or outcome should improve?",
        "plans": f"What is the {reader} planning to do about {pillar}, and what have they tried already?",
        "challenges": f"What stands in the way of {pillar}: budget, skills, data or buy-in?",
        "timeline": f"By when does the {reader} need results from {pillar}: this quarter, this year?",
    }


def angle(pillar: str, stage: str, reader: str, expert: str) -> str:
    if stage == "solution_research":
        return f"Compare the ways to handle {pillar} and give the {reader} a clear way to choose, backed by {expert}'s results."
    if stage == "decision":
        return f"Help the {reader} act on {pillar} now: a checklist, the pitfalls and what good looks like, from {expert}."
    return f"Why {pillar} matters to a {reader}, and a repeatable way to get it right, from {expert}'s first-hand experience."


def questions(cluster_questions, pillar: str, kind: str, limit: int = 8) -> list[str]:
    """The cluster's question keywords as sentences; generic ones when it has none."""
    found = [sentence(q) for q in cluster_questions[:limit]]
    found = list(dict.fromkeys(q for q in found if q))
    if found:
        return found
    if kind == "question":
        return [sentence(pillar), "What mistakes should the reader avoid?", "How do you measure success?"]
    return [f"What is {pillar}, and why does it matter?", f"How do you get {pillar} right?",
            f"What mistakes should you avoid with {pillar}?"]


def interview(pillar: str, reader: str, expert: str, brief_questions: list[str]) -> dict:
    asked = [
        f"When did {pillar} first matter for your team, and what happened?",
        "What result did you measure, and over what period?",
        f"What would you tell a {reader} who is starting today?",
    ]
    asked += [f"From your experience, {_lower_first(q)}" for q in brief_questions[:2]]
    return {
        "goal": f"Capture {expert}'s first-hand experience with {pillar}: one story, one number and one recommendation.",
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
