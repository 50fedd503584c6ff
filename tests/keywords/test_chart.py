"""The long-tail SVG: valid XML, accessible, bands, axes, downsampling, deterministic."""

import xml.etree.ElementTree as ET

import numpy as np

from generator.keywords import chart
from generator.keywords.analysis import analyze, canonical_table

SVG = "{http://www.w3.org/2000/svg}"


def make(volumes):
    records = [{"keyword": f"kw {i:06d}", "volume": v} for i, v in enumerate(volumes)]
    result = analyze(canonical_table(records))
    return chart.longtail_svg(result.opportunities, result.stats), result


def test_valid_accessible_svg_with_bands_and_axes():
    text, result = make([5000, 2000, 900, 400, 200, 100, 50, 20, 10, 5])
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg"
    assert root.find(SVG + "title").text == "Long tail: volume by keyword rank"
    assert "10 keywords" in root.find(SVG + "desc").text
    texts = [t.text for t in root.iter(SVG + "text")]
    head = result.stats["segments"]["head"]
    assert f"Head: {head['keywords']} kw, {100 * head['share_volume']:.0f}% of volume" in texts
    assert any(t.startswith("Tail:") for t in texts)
    assert "Monthly volume (log scale)" in texts  # 5 .. 5000 spans three decades
    assert "Cumulative share of volume" in texts
    assert {"0%", "50%", "100%", "1K", "10"} <= set(texts)
    assert len(root.findall(SVG + "polyline")) == 2


def test_linear_scale_for_narrow_ranges():
    text, _ = make([90, 80, 70, 60])
    assert "Monthly volume (linear scale)" in text


def test_downsampled_and_deterministic():
    volumes = np.round(1e5 / np.arange(1, 5001) ** 1.1)
    text, _ = make(volumes)
    root = ET.fromstring(text)
    for line in root.findall(SVG + "polyline"):
        assert len(line.get("points").split()) <= chart.MAX_POINTS
    assert make(volumes)[0] == text


def test_escapes_and_empty_input():
    text, _ = make([])
    ET.fromstring(text)
    text, _ = make([np.nan, np.nan])
    ET.fromstring(text)


def test_human_numbers():
    assert [chart.human(v) for v in (1, 950, 1000, 1500, 20000, 3_000_000)] == [
        "1", "950", "1K", "1.5K", "20K", "3M"]
