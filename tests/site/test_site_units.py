"""Pure functions: Markdown escaping, page pieces, SEO tags, JSON-LD, the Atom feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generator.site import pages, seo
from generator.site.data import DEFAULT_STATUSES, split_front_matter

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "footnotes", "def_list"]


def render_cell(value: str) -> str:
    return markdown.markdown(pages.table(["K"], [[pages.text(value)]]), extensions=EXTENSIONS)


def cell_text(rendered: str) -> str:
    import html

    return html.unescape(re.search(r"<td>(.*)</td>", rendered, re.S).group(1))


def test_text_neutralises_html_and_markdown():
    for value in [
        "<script>alert(1)</script> crm",
        "a | b",
        "*x* _y_ `z`",
        "[l](http://x)",
        "{: #id }",
        "crm :smile: [^1]",
        "& &amp; \\",
    ]:
        rendered = render_cell(value)
        assert "<script" not in rendered and "<em>" not in rendered and "<a " not in rendered
        assert cell_text(rendered) == value


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_renders_as_itself(value):
    rendered = render_cell(value)
    assert cell_text(rendered) == " ".join(value.split()) or not value.strip()
    assert "<script" not in rendered


def test_numbers_and_shares():
    assert pages.fmt_number("12345.6") == "12,346"
    assert pages.fmt_number("") == "—" and pages.fmt_number("nan") == "—"
    assert pages.fmt_number(3.14159, 1) == "3.1"
    assert pages.fmt_share(0.12345) == "12.3%"


def test_next_due_is_the_first_later_stage_with_a_date():
    front = {
        "status": "approved",
        "due": {"committee_review": "2026-12-01", "drafting": date(2026, 12, 20)},
    }
    assert pages.next_due(front, DEFAULT_STATUSES) == ("drafting", date(2026, 12, 20))
    assert pages.next_due({"status": "published", "due": {}}, DEFAULT_STATUSES) is None
    assert pages.next_due({"status": "nonsense"}, DEFAULT_STATUSES) is None


def test_split_front_matter_errors():
    assert split_front_matter("---\nid: '1'\n---\nbody") == {"id": "1"}
    for text, message in [
        ("body", "no front matter"),
        ("---\nid: 1\n", "not closed"),
        ("---\n[a\n---\n", "not valid YAML"),
        ("---\n- a\n---\n", "not a mapping"),
    ]:
        try:
            split_front_matter(text)
        except ValueError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(text)


def test_robots_txt():
    assert (
        pages.robots_txt("https://x.org/docs/")
        == "User-agent: *\nAllow: /\nSitemap: https://x.org/docs/sitemap.xml\n"
    )
    assert "Sitemap" not in pages.robots_txt(None)


def test_description_problems():
    assert seo.description_problem(None).startswith("no 'description'")
    assert (
        seo.description_problem("x" * 161)
        == "description is 161 characters; shorten it to 160 or fewer"
    )
    assert seo.description_problem("x" * 160) is None


FAQ_HTML = """
<h1 id="t">Title</h1><p>Intro?</p>
<h2 id="questions">Questions<a class="headerlink" href="#questions">&para;</a></h2>
<h3 id="a">What is &lt;GPCT&gt;?<a class="headerlink" href="#a">&para;</a></h3>
<p>Goals, <strong>plans</strong>, challenges, timeline.</p><p>More.</p>
<h3 id="b">Is this a question?</h3><ul><li>a list, not a paragraph</li></ul>
<h2 id="c">Plain heading</h2><p>Text</p>
"""


def test_questions_and_answers_from_headings():
    assert seo.questions_and_answers(FAQ_HTML) == [
        ("What is <GPCT>?", "Goals, plans , challenges, timeline. More.")
    ]


def facts(**kw):
    base = dict(title='T "1" </script>', description="D <b>", url="https://x.org/a/", site_name="S")
    return seo.PageFacts(**{**base, **kw})


def test_head_tags_escape_and_json_ld_kinds():
    head = seo.head_tags(facts(), FAQ_HTML, "https://x.org/feed.xml")
    assert '<meta property="og:title" content="T &quot;1&quot; &lt;/script&gt;">' in head
    assert head.count("</script>") == 1  # the JSON cannot close its script element early
    data = json.loads(re.search(r'ld\+json">(.*)</script>', head, re.S).group(1))
    assert data["@type"] == "FAQPage" and data["mainEntity"][0]["name"] == "What is <GPCT>?"
    assert seo.json_ld(facts(), "<p>x</p>")["@type"] == "WebPage"
    post = seo.json_ld(facts(published=date(2026, 11, 20), authors=("Sam",)), FAQ_HTML)
    assert post["@type"] == "Article" and post["datePublished"] == "2026-11-20"
    assert post["author"] == [{"@type": "Person", "name": "Sam"}]


def test_atom_feed_is_valid_xml_newest_first():
    posts = [
        facts(title="Old & gold", url="https://x.org/old/", published=date(2026, 1, 1)),
        facts(title="New", url="https://x.org/new/", published=date(2026, 2, 1)),
    ]
    root = ET.fromstring(seo.atom_feed("S", "https://x.org/", "https://x.org/feed.xml", posts))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == [
        "New",
        "Old & gold",
    ]
    assert root.findtext("a:updated", namespaces=ns) == "2026-02-01T00:00:00+00:00"


def test_top_opportunities_in_rank_order_or_not(tmp_path):
    from site_support import write_csv

    from generator.keywords import schema
    from generator.site.data import _top_opportunities

    path = tmp_path / "o.csv"
    cols = [schema.RANK, schema.KEYWORD]
    write_csv(path, cols, [{schema.RANK: r, schema.KEYWORD: f"k{r}"} for r in range(1, 1001)])
    assert [row[schema.KEYWORD] for row in _top_opportunities(path, 3)] == ["k1", "k2", "k3"]
    write_csv(path, cols, [{schema.RANK: r, schema.KEYWORD: f"k{r}"} for r in (5, 2, 9, 1, "", 3)])
    assert [row[schema.KEYWORD] for row in _top_opportunities(path, 3)] == ["k1", "k2", "k3"]
    assert len(_top_opportunities(path, 10)) == 6
