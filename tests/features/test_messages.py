"""Steps for messages.feature: findings, rule texts and verdicts in every language.

The ids are gathered the two ways a missing text could slip through: by running every
ruleset over the bundled example through the real loader (what the rules actually
say), and by reading the checker's source (what they could say on other plans).
"""

from __future__ import annotations

import ast
import pickle
import re
import string

import jsonschema
from babel.messages.pofile import read_po
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.layers import Role
from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.messages import (
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
    LIST_STYLES,
    Listing,
    Message,
    Term,
    arg_ids,
    catalogue,
    catalogue_path,
    message_from_json,
    message_ids,
    render,
)
from checker.plan import AccessKind, OpeningKind, OpeningRole
from checker.results import Verdict, load_schema, verdict_sentence
from checker.rules import catalogue as rule_catalogue
from checker.rules.base import RULE_TEXTS
from checker.rulesets import available, load_ruleset
from checker.reading.units import UNITS

from .conftest import REPO, draw_house_around_doors
from .rule_steps import parse_attributes
from .test_annex import example_annex, normalised

scenarios("messages.feature")

EXAMPLE = REPO / "examples" / "house" / "project.toml"
CHECKER = REPO / "checker"
LANGUAGES = ("en", "fa")

# Ids the code builds from a value: each pattern (the f-string with its fields as {})
# stands for these ids. A new pattern fails the scenario until it is listed here.
DYNAMIC_IDS = {
    "name.{}": [f"name.{kind.value}" for kind in OpeningKind],
    "term.role.{}": [f"term.role.{role.value.lower()}" for role in OpeningRole],
    "term.surface.{}": [f"term.surface.{kind.value}" for kind in AccessKind] + ["term.surface.ground"],
    "term.layer-role.{}": [f"term.layer-role.{role.value}" for role in Role],
    "term.unit.{}": [f"term.unit.{unit.long_name}" for unit in UNITS],
    "{}.{}": [f"{rule_id}.{part}" for rule_id in rule_catalogue() for part in RULE_TEXTS],  # Rule.text
    # checker/rules/_entrances.py, for the rules about the entrance door
    **{
        f"{{}}.{part}": [f"{rule_id}.{part}" for rule_id in ("ENTR-01", "OPEN-05")]
        for part in ("no-entrance", "no-entrance-one-without-role", "no-entrance-some-without-role")
    },
}


def _raw_catalogue(language: str):
    with catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain="findings")


def _fields(text: str) -> list[tuple[str, str, str]]:
    """(name, format spec, conversion) of every replacement field in ``text``."""
    return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]


# ---------------------------------------------------------------- given


@given(parsers.parse('the example project\'s annex in "{language}" with its JSON results'))
def example_annex_with_results(ctx, language, tmp_path_factory, monkeypatch):
    """annex.feature's step: the annex made once per language by the real CLI, shared."""
    example_annex(ctx, language, tmp_path_factory, monkeypatch)


@given("the message ids the rules say about the example project under every ruleset")
def ids_said_about_example(ctx):
    ids: set[str] = set()
    plan = load_plan(EXAMPLE)
    for name in available():
        results = run_rules(plan, load_ruleset(name))
        for finding in results.findings:
            ids.update(message_ids(finding.statement))
            for quantity in (finding.measured, finding.required):
                if quantity is not None and isinstance(quantity.value, (Message, Term, Listing)):
                    ids.update(arg_ids(quantity.value))
        ids.update(message_ids(Message(f"verdict.{results.verdict.value}")))
    assert len(ids) > 50, sorted(ids)
    ctx.setdefault("ids", set()).update(ids)


@given("the message ids written in the checker's code")
def ids_in_code(ctx):
    namespaces = {entry.split(".")[0] for entry in catalogue("en")}
    looks_like_id = re.compile(r"^(?:{})\.[a-z0-9][a-z0-9._-]*$".format("|".join(map(re.escape, namespaces))))
    ids: set[str] = {i for pair in LIST_STYLES.values() for i in pair}
    ids.update(f"verdict.{verdict.value}" for verdict in Verdict)
    unknown_patterns = []
    for path in sorted(CHECKER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # Any literal shaped like an id ("ENTR-01.too-deep" chosen in an if, assigned to a name ...).
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and looks_like_id.match(node.value):
                ids.add(node.value)
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            first = node.args[0]
            prefix = "term." if node.func.id == "Term" else ""
            if node.func.id not in ("msg", "Message", "Term"):
                continue
            for choice in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if isinstance(choice, ast.Constant):
                    ids.add(prefix + choice.value)
                elif isinstance(choice, ast.JoinedStr):
                    pattern = prefix + "".join(
                        part.value if isinstance(part, ast.Constant) else "{}" for part in choice.values
                    )
                    if pattern in DYNAMIC_IDS:
                        ids.update(DYNAMIC_IDS[pattern])
                    else:
                        unknown_patterns.append(f"{path.relative_to(REPO)}:{node.lineno} {pattern}")
    assert not unknown_patterns, f"message ids built in a way this test does not know: {unknown_patterns}"
    ctx.setdefault("ids", set()).update(ids)


@given("the ids of every rule's title, criterion, source and applies-to")
def rule_text_ids(ctx):
    ctx.setdefault("ids", set()).update(f"{rule}.{part}" for rule in rule_catalogue() for part in RULE_TEXTS)


# ---------------------------------------------------------------- then: catalogues


@then("the English and the Persian catalogue each have a text for every one of them")
def every_id_has_texts(ctx):
    for language in LANGUAGES:
        missing = sorted(i for i in ctx["ids"] if i not in catalogue(language))
        assert not missing, f"{language} findings.po has no text for {missing}"


@then("the English and the Persian catalogue hold the same message ids")
def same_ids():
    en, fa = ({m.id for m in _raw_catalogue(language) if m.id} for language in LANGUAGES)
    assert en == fa, {"only in en": sorted(en - fa), "only in fa": sorted(fa - en)}


@then("no entry of either catalogue is fuzzy or empty")
def nothing_fuzzy_or_empty():
    for language in LANGUAGES:
        for entry in _raw_catalogue(language):
            if entry.id:
                assert not entry.fuzzy, f"{language}: {entry.id} is fuzzy"
                assert entry.string, f"{language}: {entry.id} is empty"


@then("every Persian text has the same placeholders as its English text")
def same_placeholders():
    en, fa = catalogue("en"), catalogue("fa")
    for message_id, english in en.items():
        for language, text in (("en", english), ("fa", fa[message_id])):
            # The values arrive formatted (Number carries its format), so a text only names them.
            assert all(spec == "" and conv is None for _, spec, conv in _fields(text)), (language, message_id, text)
        assert sorted(n for n, _, _ in _fields(fa[message_id])) == sorted(n for n, _, _ in _fields(english)), (
            message_id,
            english,
            fa[message_id],
        )


# ---------------------------------------------------------------- then: no sentences in rule code

SENTENCE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")  # two words: a phrase meant for a reader


def _exempt_strings(tree: ast.Module) -> set[int]:
    """ids of the string nodes that are documentation or developer errors, not annex text."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                exempt.add(id(first.value))  # a docstring
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Parameter":
            described = node.args[3:4] + [k.value for k in node.keywords if k.arg == "description"]
            exempt.update(id(n) for d in described for n in ast.walk(d))
        elif isinstance(node, ast.Raise):
            exempt.update(id(n) for n in ast.walk(node))
    return exempt


@then("no string in checker/rules, outside docstrings, parameter descriptions and raised errors, reads like a sentence")
def no_sentences_in_rules():
    found = []
    for path in sorted((CHECKER / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exempt = _exempt_strings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt:
                if SENTENCE.search(node.value):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert not found, "user-facing text belongs in checker/locale/*/LC_MESSAGES/findings.po:\n" + "\n".join(found)


# ---------------------------------------------------------------- then: JSON and the Persian annex


@then("the JSON results validate against the results schema")
def json_valid(ctx):
    jsonschema.validate(ctx["json"], load_schema())
    assert ctx["json"]["schema_version"] == "1.2"


@then("every finding in the JSON has a message id and arguments that render its English message exactly")
def json_round_trip(ctx):
    for finding in ctx["json"]["findings"]:
        message = message_from_json(finding["message_id"], finding["message_args"])
        assert render(message, "en") == finding["message"], finding["message_id"]


def _words(text: str) -> list[str]:
    """The normalised words of ``text`` without the punctuation around them (pdftotext
    sets a Persian comma apart from its word, and an embedded Latin run against it)."""
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ", text)  # direction marks part words
    return [w for w in (w.strip(".,;:()«»،؛\"'") for w in normalised(text).split()) if w]


def _word_run(text: str) -> str:
    return " " + " ".join(_words(text)) + " "


@then("the PDF text holds the Persian words of every failing finding, and not its English")
def persian_findings(ctx):
    pdf_words = set(_words(ctx["pdf_text"]))
    pdf_text = " ".join(normalised(ctx["pdf_text"]).split())
    failing = [f for f in ctx["json"]["findings"] if f["status"] == "fail"]
    assert failing
    for finding in failing:
        persian = render(message_from_json(finding["message_id"], finding["message_args"]), "fa")
        # Persian words only: numbers (Persian digits) may come out of pdftotext reordered.
        words = [w for w in _words(persian) if re.search(r"[\u0600-\u06FF]", w) and not any(c.isdigit() for c in w)]
        assert len(words) >= 4, persian
        missing = [w for w in words if w not in pdf_words]
        assert not missing, (persian, missing)
        english_start = " ".join(finding["message"].split()[:3])
        assert english_start not in pdf_text, english_start


@then("the normalised PDF text holds the Persian title of every rule with a failing finding")
def persian_titles(ctx):
    rules = rule_catalogue()
    pdf_text = _word_run(ctx["pdf_text"])
    for rule_id in {f["rule"] for f in ctx["json"]["findings"] if f["status"] == "fail"}:
        title = rules[rule_id].text("title", "fa")
        assert _word_run(title) in pdf_text, title
        assert title != rules[rule_id].title


@then("the normalised PDF text holds the Persian verdict sentence")
def persian_verdict(ctx):
    sentence = verdict_sentence(Verdict(ctx["json"]["verdict"]), "fa")
    assert _word_run(sentence) in _word_run(ctx["pdf_text"]), sentence


# ---------------------------------------------------------------- the units judgement and attribute reasons


@given(parsers.parse("the complying house's front door has {attributes}"))
def house_with_front_door(drawing, attributes):
    draw_house_around_doors(drawing)
    drawing.door((4.0, 0.0), (5.0, 0.0), **parse_attributes(attributes))


@given(parsers.parse("the header declares the unit code {code:d}"))
def header_unit_code(drawing, code):
    drawing.doc.header["$INSUNITS"] = code


@then(parsers.parse('a {rule} finding says "{message_id}"'))
def a_finding_saying(ctx, rule, message_id):
    chosen = [f for f in ctx["results"].findings if f.rule == rule and message_id in set(message_ids(f.statement))]
    assert chosen, [(f.rule, f.message) for f in ctx["results"].findings if f.rule == rule]
    ctx["finding"] = chosen[0]


# Two Latin words in a row: an English phrase. The plan's values (handles, storey names,
# attribute values, allowed codes) are isolated when rendered, and are taken out first.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")  # as the rule-code test reads a sentence
ISOLATED = re.compile(f"{FIRST_STRONG_ISOLATE}[^{POP_DIRECTIONAL_ISOLATE}]*{POP_DIRECTIONAL_ISOLATE}")


@then(
    parsers.parse('said in Persian it holds no English words outside the values taken from the plan, nor "{english}"')
)
def persian_without_english(ctx, english):
    finding = ctx["finding"]
    assert english in finding.message, finding.message  # the English does say it
    persian = finding.message_in("fa")
    assert english not in persian, persian
    own_words = ISOLATED.sub(" ", finding.message_in("fa", isolate=True))
    assert not ENGLISH_WORDS.search(own_words), (ENGLISH_WORDS.search(own_words).group(0), persian)


def test_drawing_problems_are_said_in_the_annex_language(tmp_path):
    """What loading noticed (here: a loose line on the doors layer) is a catalogue
    message: English in the JSON, Persian in a Persian annex."""
    from checker.reading.dxf.starter import ROLE_LAYERS, PlanDrawing
    from checker.messages import message_from_json, render

    drawing = PlanDrawing(units="m")
    drawing.walls_loop([(0, 0), (10, 0), (10, 8), (0, 8)], thickness=0.3)
    drawing.doc.modelspace().add_line((1, 0), (2, 0), dxfattribs={"layer": ROLE_LAYERS[Role.DOORS]})
    path = drawing.save(tmp_path / "plan.dxf")
    problems = load_plan(path).loads[0].to_json()["problems"]
    loose = next(p for p in problems if p["message_id"] == "load.stray-linework")
    assert loose["message"] == "lines on doors layers that form no door or window (ignored)" and loose["count"] == 1
    persian = render(message_from_json(loose["message_id"], loose["message_args"]), "fa")
    assert persian == "خط‌های روی لایه‌های در که هیچ در یا پنجره‌ای نمی‌سازند (نادیده گرفته شد)"


def _given_message(text: str) -> tuple[Message, dict]:
    """ "x.y: a=1, b=two" as a Message and the arguments it was given (digits as ints)."""
    message_id, _, listed = text.partition(":")
    args: dict = {}
    for pair in filter(None, (p.strip() for p in listed.split(","))):
        name, _, value = pair.partition("=")
        args[name] = int(value) if value.isdigit() else value
    return Message(message_id, dict(args)), args


@given(parsers.parse('the message "{left}" and the message "{right}"'), target_fixture="pair")
def two_messages(left, right):
    return [_given_message(left), _given_message(right)]


@then(parsers.parse("the two messages are {equal}, and equal ones hash alike"))
def compared(pair, equal):
    (left, _), (right, _) = pair
    assert (left == right) is (equal == "equal")
    assert (left != right) is (equal != "equal")
    if left == right:
        assert hash(left) == hash(right)


@then("each message's arguments read as the mapping it was given, and survive a pickle")
def arguments_read(pair):
    for message, given_args in pair:
        assert dict(message.args) == given_args and len(message.args) == len(given_args)
        assert dict(message.args.items()) == given_args and list(message.args.values()) == list(given_args.values())
        for name, value in given_args.items():
            assert message.args[name] == value and name in message.args
        assert "missing" not in message.args and message.args.get("missing") is None
        assert message.args == given_args  # compared with a plain dict too
        assert list(message.pairs()) == list(given_args.items())  # what rendering and the JSON walk
        assert pickle.loads(pickle.dumps(message)) == message
