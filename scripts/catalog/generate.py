#!/usr/bin/env python3
"""Generates the report catalog (Sources/WolkvoxAPI/Catalog/Generated/CatalogData.swift) from
Wolkvox's report list (shared/wolkvox-api/report-apis.json).

    python3 scripts/catalog/generate.py ../shared/wolkvox-api/report-apis.json

The output is committed: the package never reads report-apis.json. The catalog is embedded as a
JSON text in a Swift string (not a bundled resource) so an installed binary needs no resource
bundle beside it, and the compiler type-checks one literal instead of thousands of initialisers.

Every decision the list does not state outright (types, kinds, required parameters, keys) is
made here, by the rules below, so it can be read and changed in one place. Types follow the
example value's format where the collection filled one in; otherwise the field's name decides
only where the evidence is clear (a count, a duration, a share, a cost); everything else is text.
"""

import json
import re
import sys
from collections import Counter, OrderedDict

OUT = "Sources/WolkvoxAPI/Catalog/Generated/CatalogData.swift"

# --- names and areas -------------------------------------------------------------------------

AREAS = OrderedDict([
    ("agent", "Agents"), ("skill", "Skills"), ("cdr", "Calls (CDR)"), ("act", "Typing codes"),
    ("diagram", "IVR, surveys and bots"), ("quality", "Quality"), ("campaign", "Campaigns"),
    ("chat", "Chats and interactions"), ("speech", "Speech analytics"), ("wizard", "wvx Copilot"),
])
ENDPOINT_AREAS = {
    "real_time.php": "Real time", "information.php": "Information (dimensions)",
    "customer.php": "Customer reports", "billing.php": "Billing counters",
    "campaign.php": "Campaign exports", "gamification.php": "Gamification",
    "quality.php": "Quality", "speech_analytics.php": "Speech analytics",
}


def catalog_name(report):
    endpoint = report["endpoint"]
    if endpoint == "reports_manager.php":
        return report["api"]
    return endpoint[: -len(".php")] + "." + report["api"]


def area(report):
    if report["endpoint"] == "reports_manager.php":
        prefix = report["api"].split("_")[0]
        return AREAS.get(prefix, "Other reports")
    return ENDPOINT_AREAS[report["endpoint"]]


# --- parameters ------------------------------------------------------------------------------

# date_ini/date_end are the window, asked by the engine; they are not `source.params`.
RANGE_PARAMS = {"date_ini", "date_end"}
# Filters the API answers without (the report pages for chat_4 list only api and the dates; an
# IVR detail is wanted for every customer): optional. Every other parameter in the collection's
# URL selects what the report is about (a skill, a campaign, a typing code, an agent, a list
# type) and is required: the API answers 400 SOME PARAMETERS ARE REQUIRED without it.
OPTIONAL_PARAMS = {
    ("reports_manager.php", "chat_4", "attach_array"),
    ("reports_manager.php", "chat_4", "include_attachments"),
    ("reports_manager.php", "diagram_1", "customer_id"),
}
PARAM_SUMMARIES = {
    "skill_id": "a skill id, `all` where the report accepts it, or a list (one call per value)",
    "campaign_id": "a campaign id, or a list (one call per value)",
    "cod_act": "a typing code, `all` where the report accepts it, or a list",
    "agent_id": "an agent id, or a list (one call per value)",
    "type": "the list asked for (as the API names it)",
    "type_campaign": "the campaign's type (as the API names it)",
    "detail": "the detail asked for (as the API names it)",
    "customer_id": "only this customer's interactions",
    "attach_array": "attachments as an array",
    "include_attachments": "include the attachments",
    "filter": "the field to filter on (as the API names it)",
    "value": "the value of the filter",
}

# --- types -----------------------------------------------------------------------------------

ID_NAME = re.compile(
    r"(^|_)(id|ids|dni|telephone|telephones|phone|phone_number|ani|dnis|ip|sso|user|tel\d*|tel_extra)$"
    r"|^id_|^cod_|^conn_id|_phone$|^customer_|^campaign$|^campaing_id$|^rp_|^skill$|^user_id$"
)
DURATION_NAMES = {
    "aht", "asa", "ata", "tmo", "time", "duration", "chat_duration", "talk_time", "time_silence",
    "time_between_calls", "time_on_rp", "time_on_skill", "time_with_agent", "time_on_agent",
    "time_on_chatbot", "time_state_now", "total_time", "total_duration", "ring", "ready", "talk",
    "not_ready_acw", "auxiliary_times", "time_preview", "ivr_time", "asr_time", "closing_time",
    "close_time", "aht_time", "acw_time", "login_time", "voice_message_duration",
}
DURATION_SUFFIXES = ("_time",)
DURATION_PREFIXES = ("aht_",)
PERCENT_NAMES = {
    "occupancy", "ocupation", "percent", "percentage", "preview_percent", "percent_transfer",
    "accuracy", "precision_unit_critical_error", "precision_opportunity_critical_error",
    "precision_opportunity_error", "penetration_day", "penetration_now",
}
PERCENT_PREFIXES = ("service_level_",)
COUNT_NAMES = {
    "calls", "inbound", "outbound", "internal", "count", "hits", "rpc", "records", "interactions",
    "interaction", "surveys", "evaluations", "total", "transfer_calls", "conference_calls",
    "uncode_calls", "attempt", "attempts", "chars_send", "chars_answer", "total_chars",
    "customer_chars", "agent_chars", "nlp_amount", "characters", "total_agents", "total_amd",
    "total_machine_recognitions", "no_answer", "answer_machine", "busy", "congestion", "failed",
    "clean", "dial", "hits", "times_chatted", "total_chats", "cantidad", "llamadas", "items_count",
    "calls_in_queue_now", "stat_inbound", "stat_answer", "stat_abandon", "by_abandon", "recycled",
    "token_limit", "token_use_today", "all_token_today", "recall_count", "rellamada_count",
    "agents_needed", "inbound_calls_unique_customers", "points", "credits", "tts_credits", "units",
    "yes", "no", "ad_chatbot", "ad_agents", "post_chatbot", "post_agents", "total_chatbot",
    "total_agents", "calls_x_min", "connected_agents", "treatment", "customer_say_no",
    "customer_say_yes", "recall_fail", "recall_ok", "go_to_agent",
}
COUNT_PATTERN = re.compile(r"(^|_)calls$|^calls_|^answer_\d|^abandon_\d|^anwers_greater|^answer_calls$|^abandon_greater")
COST_NAMES = {"cost", "telephone_costs", "ivr_minutes", "minutes", "billed_minutes", "nlp_credits"}
TIMESTAMP_NAMES = {
    "date", "date_ini", "date_end", "date_creation", "close_date", "start_date", "end_date",
    "date_inbound_call", "date_last_outbound_call", "date_preview", "end_date_rp", "created_at",
    "last_update", "last_use", "date_recall", "date_delete", "last_date", "fecha",
}
# Where the report's title says what a field is ("Porcentaje de silencio por Agente").
TYPE_OVERRIDES = {
    ("speech_2", "silence"): ("percent", "a share: the report is the percentage of silence per agent"),
    ("speech_3", "slow_to_greet"): ("percent", "a share: the report is the percentage of slow greetings per agent"),
}
# Values that are days, not times, in reports of one row per day or per hour: text (a naive
# date does not coerce to a timestamp), and the row's day.
DAY_FIELDS = {"day"}

FORMAT_TYPES = {
    "hh:mm:ss": ("duration", "hh:mm:ss in the API's example"),
    "YYYY-MM-DD hh:mm:ss": ("timestamp", "YYYY-MM-DD hh:mm:ss in the API's example"),
    "percent": ("percent", "a share like \"34.64 %\" in the API's example"),
    "decimal": ("decimal", "a decimal in the API's example"),
    "text": ("string", "text in the API's example"),
    "dotted id": ("string", "a dotted id in the API's example"),
    "yes/no": ("string", "yes/no in the API's example"),
    "YYYYMMDD or digits": ("string", "a compact date in the API's example"),
}


def infer_type(name, fmt, context):
    """(type, why) for one field. `context` holds facts about the report (kind, names)."""
    if fmt in FORMAT_TYPES:
        return FORMAT_TYPES[fmt]
    if fmt == "digits":
        if ID_NAME.search(name):
            return ("string", "an id: text, keeps leading zeros (digits in the example)")
        return ("int", "digits in the API's example")
    placeholder = fmt in ("-", "--")
    why = "by its name" + (" (the example held a placeholder)" if placeholder else " (the example was empty)")
    if name in context.get("date_only", set()) or name in DAY_FIELDS:
        return ("string", "a day in a report of one row per day or hour: text")
    if name.endswith("name") and not fmt:
        return ("string", "a name: text")
    if (context["report"], name) in TYPE_OVERRIDES:
        return TYPE_OVERRIDES[(context["report"], name)]
    if name in TIMESTAMP_NAMES:
        if context["report"].startswith("billing."):
            return ("string", "a billing period's date, format unknown: text")
        return ("timestamp", "a date-time " + why)
    if name in COUNT_NAMES:
        return ("int", "a count " + why)
    if ID_NAME.search(name):
        return ("string", "an id, telephone or code: text")
    if name in COST_NAMES or name.endswith("_cost"):
        return ("decimal", "a cost or amount " + why)
    if name in PERCENT_NAMES or name.startswith(PERCENT_PREFIXES):
        return ("percent", "a share " + why)
    if name == "abandon" and "abandon_calls" in context["names"]:
        return ("percent", "the abandon share beside abandon_calls " + why)
    lower = name.lower()
    if lower in DURATION_NAMES or lower.endswith(DURATION_SUFFIXES) or lower.startswith(DURATION_PREFIXES):
        return ("duration", "a duration " + why)
    if name in COUNT_NAMES or COUNT_PATTERN.search(name):
        return ("int", "a count " + why)
    if name in ("answer",) and context.get("counts_answer"):
        return ("int", "a count " + why)
    return ("string", "no clear evidence: text")


# --- kinds -----------------------------------------------------------------------------------

EVENT_ID_FIELDS = ("conn_id", "id_call", "session_id", "case_id", "chat_id", "conversational_id",
                   "connect_id", "conn_id_transfer", "audio_id", "id_text")
# Rows with a date-time of their own (detail reports, logs): the field that dates each row.
TIMESTAMP_DAY_FIELDS = ("date", "date_creation", "start_date", "date_ini", "date_inbound_call",
                        "date_preview", "end_date_rp", "fecha")
# Reports whose rows are one per day (or per hour of a day): the row's date is a day.
DATED = {"customer.cdr_calls": "date", "skill_3": "date", "chat_6": "date", "diagram_1_1": "day", "diagram_1_2": "day", "agent_7": "date"}
DATED_HOURLY = {"agent_8": "date", "agent_8_1": "date", "skill_7": "date", "customer.agents_statustime": "date"}
# Snapshot-like reports that still carry dates: they are not windowed (no date_ini/date_end).


def classify(report, name, names):
    """(kind, day_field, date_only_fields). day_field None means no field dates a row."""
    takes_range = "date_ini" in report["params"]
    if not takes_range:
        return ("snapshot", None, set())
    if name in DATED_HOURLY:
        return ("dated_hourly", DATED_HOURLY[name], {DATED_HOURLY[name]})
    if name in DATED:
        return ("dated", DATED[name], {DATED[name]})
    if "hour" in names:
        return ("undated_hourly", None, set())
    if any(f in names for f in EVENT_ID_FIELDS) or name in ("information.audit_log", "information.get_notification",
                                                            "diagram_7", "diagram_8", "diagram_12", "cdr_7", "cdr_9",
                                                            "cdr_11", "campaign_9", "chat_10", "chat_14",
                                                            "wizard_2", "wizard_3", "speech_5", "campaign_7",
                                                            "agent_14", "agent_2", "cdr_10", "diagram_3"):
        for day in TIMESTAMP_DAY_FIELDS:
            if day in names:
                return ("timestamped", day, set())
    return ("window_totals", None, set())


def envelope(report):
    if report["api"] == "campaign_15":
        return "records"
    return "object" if report["example_shape"].startswith("object") else "list"


# --- fields ----------------------------------------------------------------------------------

def field_entry(f, context, why_counter):
    name = f["name"]
    if "nested" in f or "object" in f:
        children = [field_entry(c, context, why_counter) for c in f.get("nested") or f.get("object")]
        return OrderedDict([("name", name), ("type", "string"),
                            ("nesting", "array" if "nested" in f else "object"),
                            ("summary", ("an array of objects" if "nested" in f else "an object")
                             + ": nested in NDJSON, one JSON text cell in CSV"),
                            ("fields", children)])
    ftype, why = infer_type(name, f.get("example_format"), context)
    why_counter[(ftype, why.split(" (")[0] if "name" in why else why)] += 1
    entry = OrderedDict([("name", name), ("type", ftype), ("summary", why)])
    if f.get("example_format") in ("-", "--"):
        entry["placeholder"] = f["example_format"]
    return entry


# Text fields that are measures, not dimensions: never part of a totals report's key.
NOT_KEY = re.compile(r"^q\d\d$|^average$|^silence$|^slow_to_greet$|^feeling$|^login$|^logout$")


def key_for(kind, day_field, fields):
    names = [f["name"] for f in fields]
    text = [f["name"] for f in fields
            if f["type"] == "string" and "nesting" not in f and "placeholder" not in f and not NOT_KEY.search(f["name"])]
    ids = [n for n in names if n in EVENT_ID_FIELDS]
    if ids and kind != "timestamped":
        return ids[:1] + ([day_field] if day_field else [])
    if kind == "timestamped" and not ids:
        return [day_field] + [n for n in text if n != day_field]
    if kind == "timestamped":
        key = ids[:1] + [day_field]
        for extra in ("agent_id", "id_agent", "telephone", "cod_opc_menu"):
            if extra in names and extra not in key:
                key.append(extra)
        return key
    dims = [n for n in text if n != day_field]
    key = ([day_field] if day_field else []) + dims
    if "hour" in names and "hour" not in key:
        key.append("hour")
    return key or names[:1]


def main(path):
    source = json.load(open(path, encoding="utf-8"))
    reports = []
    kinds = Counter()
    why_counter = Counter()
    # reports_manager.php first (what most teams land), billing counters last.
    endpoint_order = ["reports_manager.php", "real_time.php", "information.php", "customer.php", "campaign.php",
                      "gamification.php", "quality.php", "speech_analytics.php", "billing.php"]
    ordered = sorted(source["reports"], key=lambda r: endpoint_order.index(r["endpoint"]))
    for report in ordered:
        name = catalog_name(report)
        names = [f["name"] for f in report["fields"]]
        kind, day_field, date_only = classify(report, name, names)
        context = {
            "names": set(names),
        "report": name,
            "date_only": date_only,
            "counts_answer": name == "real_time.campaigns",
        }
        fields = [field_entry(f, context, why_counter) for f in report["fields"]]
        if kind == "timestamped":
            typed = {f["name"]: f["type"] for f in fields}
            if typed.get(day_field) != "timestamp":
                raise SystemExit(f"{name}: day field {day_field} is {typed.get(day_field)}")
        params = [
            OrderedDict([("name", p), ("required", (report["endpoint"], report["api"], p) not in OPTIONAL_PARAMS),
                         ("summary", PARAM_SUMMARIES.get(p, ""))])
            for p in report["params"] if p not in RANGE_PARAMS
        ]
        entry = OrderedDict([
            ("name", name), ("api", report["api"]), ("endpoint", report["endpoint"]), ("area", area(report)),
            ("title", report["title"]), ("kind", kind), ("envelope", envelope(report)),
            ("takes_range", "date_ini" in report["params"]), ("params", params), ("fields", fields),
            ("day_field", day_field), ("key", key_for(kind, day_field, fields)),
        ])
        reports.append(entry)
        kinds[kind] += 1
    body = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in reports) + "\n]"
    if '"""#' in body:
        raise SystemExit("the catalog text cannot be embedded in a raw string")
    swift = (
        "// Generated by scripts/catalog/generate.py from shared/wolkvox-api/report-apis.json; do not edit.\n"
        "// One report per line: name, api, endpoint, area, title, kind, envelope, takes_range, params,\n"
        "// fields (with the type and why it was chosen), day_field, key.\n\n"
        "extension ReportCatalog {\n"
        "    static let catalogJSON = #\"\"\"\n" + body + "\n\"\"\"#\n"
        "}\n"
    )
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(swift)
    print(f"{len(reports)} reports: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    for (ftype, why), n in sorted(why_counter.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d} {ftype:9s} {why}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/wolkvox-api/report-apis.json")
