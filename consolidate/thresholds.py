"""The numbers the tool decides by, named in one place with where each came from.

Changing one changes what the clerk sees; every figure here was measured on the evaluation
sets in ``tests/data`` and ``tests/consultations`` (see the README's *Evaluation* section):
``tests/test_attribution_eval.py`` holds the attribution figures (214/214 on the development
set, 111/120 on the holdout), and must be re-run after any change here.

Size and time caps against hostile files (``documents/guards.py``, ``documents/discover.py``
``MAX_FILE_BYTES``, ``intake/unpack.py``) stay beside the guard they configure: they are not
judgements about a real return — no real return comes near them — but limits on what an
attacker can make the tool do, and they read best next to the code that enforces them.
"""

from __future__ import annotations

# ---------------------------------------------------------------- placing an opinion on a clause
# How sure the attribution is (``Opinion.confidence``, 0–1), by the evidence it rests on. The
# levels are an order of trust, not probabilities: only where they fall against REVIEW_BELOW
# changes what a paper shows, and each level was set so that on the development set no wrong
# placement lands above REVIEW_BELOW while every right placement of that kind does.

#: An opinion placed on its clause with less confidence than this is marked 归类待核 in every
#: paper instead of trusted. Set where the development attribution set (214 opinions) had no
#: wrong placement above it.
REVIEW_BELOW = 0.6

#: The opinion names its clause outright: an explicit reference (第三部分第二段), a clause
#: column, the paragraph a tracked change was made in, or a quotation found verbatim in exactly
#: one clause. No such placement was wrong on the development set.
NAMED_OUTRIGHT = 0.95
#: A clause column that says the whole document (全文, 总体); and the most a misquoted
#: (fuzzy-matched) quotation can earn: 0.9 × its rapidfuzz partial ratio.
CLAUSE_COLUMN_WHOLE = 0.9
FUZZY_QUOTE_AT_MOST = 0.9
#: The document as a whole by its own words (通篇, 文中多处, three or more clauses quoted);
#: a part or plan named by its title; a quotation of several clauses not all found.
WHOLE_BY_WORDING = 0.85
NAMED_BY_TITLE = 0.85
QUOTED_IN_PART = 0.85
#: A quotation found verbatim in two clauses; an opinion asking to add a clause, or about
#: the title or format, with no clause named (whole document).
QUOTED_TWICE = 0.8
WHOLE_BY_SUBJECT = 0.8
#: Evidence that contradicts itself: a reference the quotation places elsewhere, a reference
#: only partly in the draft, similar wording in an opinion that cites another document. Just
#: below REVIEW_BELOW: kept, but marked for the clerk.
SELF_CONTRADICTING = 0.55
#: A clause of an annex (总体, flagged), or wording only somewhat more like one clause than
#: any other.
WEAK = 0.5
#: Nothing places the opinion: the whole-document group, flagged.
UNPLACED = 0.3
#: No draft to place on, or no words to compare.
NOT_PLACED = 0.0
#: A placement the team made by hand in overrides.toml.
BY_HAND = 1.0

#: Similar wording alone is trusted (not flagged) only when the opinion's distinctive wording
#: is mostly found in one clause and at least twice as much as in any other: on the evaluation
#: sets every wrong similarity placement fell short of one of the two.
SIMILAR_SURE = 0.65
SIMILAR_MARGIN = 2.0
#: Below SIMILAR_SURE, wording this much alike (and 1.4× the runner-up) still places the
#: opinion, at WEAK confidence; less places nothing.
SIMILAR_WEAK_FROM = 0.2
SIMILAR_WEAK_MARGIN = 1.4
#: A trusted similarity placement earns 0.2 + its score, at most 0.7: above REVIEW_BELOW, below
#: any placement the opinion's own words name.
SIMILAR_BASE = 0.2
SIMILAR_AT_MOST = 0.7
#: A quotation matches a clause fuzzily from this rapidfuzz partial ratio (0–100), when it
#: beats the runner-up by QUOTE_MARGIN; people misquote a 的 or a comma, not whole phrases.
QUOTE_FUZZY_FROM = 80
QUOTE_MARGIN = 5
#: A clause column's or a tracked change's text is found in a clause from this partial ratio.
PASSAGE_FOUND_FROM = 85

# ---------------------------------------------------------------- grouping similar opinions
#: Two opinions on one clause are "similar" (grouped in the digest) from this rapidfuzz ratio
#: (0–100) of their folded texts: units that copy one another's opinion change a few words.
SIMILAR_AT = 85

# ---------------------------------------------------------------- knowing who sent a return
#: A name matches a roster unit fuzzily from this rapidfuzz ratio (0–100); names within
#: NAME_TIE of the best match are a tie, reported as ambiguous rather than guessed.
NAME_FUZZY_FROM = 85
NAME_TIE = 3

# ---------------------------------------------------------------- a second round
#: Similarity (0–1) of two opinions' wording from which the later one repeats the earlier.
#: rapidfuzz's ratio of the texts without punctuation; measured on the tests' rounds: a unit
#: resubmitting its opinion with small edits scores 0.8–1.0, two units raising the same point
#: in their own words 0.6–0.8, unrelated opinions on one clause 0.2–0.5.
REPEATS_FROM = 0.72
#: On the same clause (after alignment) a looser likeness suffices.
PREVIOUS_SAME_CLAUSE_FROM = 0.6
PREVIOUS_SAME_CLAUSE_BONUS = 0.08
PREVIOUS_SAME_UNIT_BONUS = 0.04
#: From this similarity the papers say 第一轮已提出 (the same opinion), below it 第一轮有相近意见.
SAME_OPINION_FROM = 0.9

# ---------------------------------------------------------------- comparing two versions of the draft
#: Two clauses are "the same clause, edited" from this similarity on (0–1, rapidfuzz's
#: normalised Indel ratio of the folded texts). Measured on the revisions in the tests:
#: rewordings of a sentence or two score 0.6–0.95, unrelated clauses of one draft 0.2–0.45.
REVISION_SAME_CLAUSE_FROM = 0.55
#: A short clause counts as a piece of a longer one (split/merge) when this share of it is
#: found, in order, in the longer clause's text.
PIECE_FROM = 0.8
#: A proposed wording counts as present when this share of it is found in the new clause
#: (rapidfuzz partial ratio): people's quotes differ from the final text in a 的 or a comma.
WORDING_FOUND_FROM = 0.9
