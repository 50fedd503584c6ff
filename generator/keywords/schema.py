"""Column names, defined once.

The canonical keyword table (what every reader returns after normalising and
merging) and the analysis output files (the contract read by briefs and the
site) use only the names below. Import the constants; never spell a column
name as a literal elsewhere.
"""

# --- canonical table (one row per distinct normalised keyword) -------------
KEYWORD = "keyword"  # normalised text: NFKC, casefolded, single spaces, edge punctuation stripped
KEYWORD_RAW = "keyword_raw"  # first spelling seen, as exported (trimmed)
VOLUME = "volume"  # monthly searches (float, NaN = unknown); bucket/range -> see VOLUME_LOW/HIGH
VOLUME_LOW = "volume_low"
VOLUME_HIGH = "volume_high"
VOLUME_IS_BUCKET = "volume_is_bucket"  # True when the tool reported a bucket or a range
DIFFICULTY = "difficulty"  # SEO difficulty 0-100 (NaN = unknown, never 0)
CPC = "cpc"  # cost per click in the export's currency (NaN = unknown)
COMPETITION = "competition"  # paid (ads) competition 0-1, kept apart from difficulty
CLICKS = "clicks"  # Search Console, current period
IMPRESSIONS = "impressions"
CTR = "ctr"  # fraction 0-1 ("33.33%" -> 0.3333)
POSITION = "position"  # average position; NaN when the tool says 0 / no data
POSITION_PREV = "position_prev"  # Search Console compare export, previous period
CLICKS_PREV = "clicks_prev"
IMPRESSIONS_PREV = "impressions_prev"
INTENT = "intent"  # lower-case labels joined by ";" (tool intents + detected modifiers)
TOOL_INTENT = "tool_intent"  # intents supplied by the tool only, ";"-joined lower case
PARENT = "parent"  # tool grouping hint: Ahrefs Parent Keyword, Semrush KSB Topic, GKP Concept
TREND = "trend"  # monthly values oldest first, ";"-joined (GKP Searches: Mon YYYY, Semrush Trend)
SERP_FEATURES = "serp_features"  # ";"-joined
TRAFFIC_POTENTIAL = "traffic_potential"  # Ahrefs
SOURCE = "source"  # ";"-joined source file paths the row was seen in (union after merging)
SOURCE_FORMAT = "source_format"  # ";"-joined formats (gkp, gsc, ahrefs, semrush, moz, generic, plain)
SOURCE_LINE = "source_line"  # 1-based physical line of the first occurrence in its file

CANONICAL_COLUMNS = [
    KEYWORD, KEYWORD_RAW, VOLUME, VOLUME_LOW, VOLUME_HIGH, VOLUME_IS_BUCKET,
    DIFFICULTY, CPC, COMPETITION, CLICKS, IMPRESSIONS, CTR, POSITION,
    CLICKS_PREV, IMPRESSIONS_PREV, POSITION_PREV,
    TOOL_INTENT, PARENT, TREND, SERP_FEATURES, TRAFFIC_POTENTIAL,
    SOURCE, SOURCE_FORMAT, SOURCE_LINE,
]

FORMATS = ["gkp", "gsc", "ahrefs", "semrush", "moz", "generic", "plain"]

# --- rejected.csv -------------------------------------------------------------
REJECT_SOURCE = "source"
REJECT_LINE = "line"
REJECT_KEYWORD = "keyword"
REJECT_REASON = "reason"
REJECTED_COLUMNS = [REJECT_SOURCE, REJECT_LINE, REJECT_KEYWORD, REJECT_REASON]

# --- analysis columns added to the canonical table (opportunities.csv) -------
RANK = "rank"  # 1 = best score
WORDS = "words"  # number of space-separated tokens
SEGMENT = "segment"  # head | torso | tail (cumulative volume share)
LONG_TAIL = "long_tail"  # bool
MODIFIERS = "modifiers"  # detected modifiers only, ";"-joined: question;howto;comparison;...
DIFFICULTY_IMPUTED = "difficulty_imputed"  # True when DIFFICULTY was missing and imputed for scoring
SCORE = "score"  # opportunity score 0-100, higher = better
SCORE_VALUE = "score_value"  # KOB-style value-to-difficulty term
SCORE_SPECIFICITY = "score_specificity"
SCORE_INTENT = "score_intent"
SCORE_STRIKING = "score_striking"  # Search Console striking distance
SCORE_CTR_GAP = "score_ctr_gap"  # Search Console CTR gap
CLUSTER = "cluster"  # cluster id: a stable slug of the cluster's pillar keyword
CLUSTER_LABEL = "cluster_label"  # readable label
IS_PILLAR = "is_pillar"  # True for the cluster's pillar keyword

# --- clusters.csv ----------------------------------------------------------------
CL_ID = "cluster"
CL_LABEL = "label"
CL_PILLAR = "pillar"
CL_KEYWORDS = "keywords"  # number of keywords
CL_VOLUME = "total_volume"
CL_DIFFICULTY = "mean_difficulty"
CL_BEST_SCORE = "best_score"
CL_MEAN_SCORE = "mean_score"
CL_INTENT_MIX = "intent_mix"  # "informational:5;question:3;..." most frequent first
CL_SUBTOPICS = "subtopics"  # member keywords except the pillar, by score, "|"-joined
CL_QUESTIONS = "questions"  # member keywords with the question modifier, "|"-joined
CL_METHOD = "method"  # parent | concept | topic | lexical
CLUSTER_COLUMNS = [
    CL_ID, CL_LABEL, CL_PILLAR, CL_KEYWORDS, CL_VOLUME, CL_DIFFICULTY,
    CL_BEST_SCORE, CL_MEAN_SCORE, CL_INTENT_MIX, CL_METHOD, CL_SUBTOPICS, CL_QUESTIONS,
]

# --- ngrams.csv ----------------------------------------------------------------
NGRAM = "ngram"
N = "n"
ABS_FREQ = "abs_freq"
WTD_FREQ = "wtd_freq"
DOC_FREQ = "doc_freq"
REL_VALUE = "rel_value"
NGRAM_COLUMNS = [NGRAM, N, ABS_FREQ, WTD_FREQ, DOC_FREQ, REL_VALUE]

# --- output file names (in --out, default keywords/analysis/) ------------------
OPPORTUNITIES_CSV = "opportunities.csv"
CLUSTERS_CSV = "clusters.csv"
NGRAMS_CSV = "ngrams.csv"
REJECTED_CSV = "rejected.csv"
SUMMARY_JSON = "summary.json"
REPORT_MD = "report.md"
LONGTAIL_SVG = "longtail.svg"
DEFAULT_ANALYSIS_DIR = "keywords/analysis"

# --- analysis additions (H2) ----------------------------------------------------
DIFFICULTY_USED = "difficulty_used"  # difficulty used for scoring: DIFFICULTY, or the imputed value

# opportunities.csv column order: analysis columns first, then the rest of the canonical table.
OPPORTUNITY_COLUMNS = [
    RANK, KEYWORD, SCORE, SEGMENT, LONG_TAIL, WORDS, VOLUME, DIFFICULTY, DIFFICULTY_USED,
    DIFFICULTY_IMPUTED, CPC, INTENT, MODIFIERS, CLUSTER, CLUSTER_LABEL, IS_PILLAR,
    SCORE_VALUE, SCORE_SPECIFICITY, SCORE_INTENT, SCORE_STRIKING, SCORE_CTR_GAP,
] + [c for c in CANONICAL_COLUMNS if c not in {KEYWORD, VOLUME, DIFFICULTY, CPC}]
