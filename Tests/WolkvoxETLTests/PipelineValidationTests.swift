import Testing

@testable import WolkvoxETL

/// Every validation error, with the exact message a user sees.
struct PipelineValidationTests {
    typealias Y = PipelineFixtures

    /// (pipeline text, the one rendered problem it must produce).
    static let cases: [(String, String)] = [
        // source: ranges and types
        (Y.yaml(source: ["concurrency: 3"]),
         "pipeline.yaml:9:16: source.concurrency: must be 1 or 2 (at most 2 requests at once per token), got 3"),
        (Y.yaml(source: ["concurrency: abc"]), "pipeline.yaml:9:16: source.concurrency: expected an integer, got 'abc'"),
        (Y.yaml(source: ["concurrency: 1.5"]), "pipeline.yaml:9:16: source.concurrency: expected an integer, got '1.5'"),
        (Y.yaml(source: ["concurrency: [1]"]), "pipeline.yaml:9:16: source.concurrency: expected an integer, got a list"),
        (Y.yaml(source: ["concurrency:"]), "pipeline.yaml:9:15: source.concurrency: expected an integer, got nothing"),
        (Y.yaml(source: ["max_days_per_request: 32"]),
         "pipeline.yaml:9:25: source.max_days_per_request: must be 1 to 31 (the API answers at most 31 days a query), got 32"),
        (Y.yaml(source: ["max_days_per_request: 0"]),
         "pipeline.yaml:9:25: source.max_days_per_request: must be 1 to 31 (the API answers at most 31 days a query), got 0"),
        (Y.yaml(source: ["max_records_per_request: 60001"]),
         "pipeline.yaml:9:28: source.max_records_per_request: must be 1 to 60000 (the API returns at most 60000 records a response), got 60001"),
        (Y.yaml(source: ["lookback_days: -1"]), "pipeline.yaml:9:18: source.lookback_days: must be 0 to 366 days, got -1"),
        (Y.yaml(source: ["max_calls: 0"]), "pipeline.yaml:9:14: source.max_calls: must be at least 1, got 0"),
        (Y.yaml(source: ["licenses: 0"]), "pipeline.yaml:9:13: source.licenses: must be at least 1, got 0"),
        (Y.yaml(source: ["timeout: 60"]),
         "pipeline.yaml:9:12: source.timeout: expected a duration like 500ms, 60s, 5m or 1h, got '60'"),
        (Y.yaml(source: ["timeout: 2h"]), "pipeline.yaml:9:12: source.timeout: must be 1ms to 1h, got 2h"),
        (Y.yaml(source: ["retry: { attempts: 0 }"]), "pipeline.yaml:9:22: source.retry.attempts: must be 1 to 100, got 0"),
        (Y.yaml(source: ["retry: { base_delay: 10s, max_delay: 1s }"]),
         "pipeline.yaml:9:40: source.retry.max_delay: must not be shorter than base_delay"),
        (Y.yaml(source: ["retry: { tries: 3 }"]),
         "pipeline.yaml:9:12: source.retry.tries: unknown key; allowed: attempts, base_delay, max_delay"),
        (Y.yaml(source: ["retry: 3"]),
         "pipeline.yaml:9:10: source.retry: expected a mapping of keys (attempts, base_delay, max_delay), got '3'"),
        // source: unknown keys
        (Y.yaml(source: ["lookbak_days: 2"]),
         "pipeline.yaml:9:3: source.lookbak_days: unknown key; did you mean 'lookback_days'? allowed: report, server, base_url, token, timezone, from, to, lookback_days, max_days_per_request, max_records_per_request, concurrency, max_calls, licenses, timeout, retry, params"),
        // report, zone, endpoint, token
        (Y.yaml(report: "cdr1"),
         "pipeline.yaml:4:11: source.report: unknown report 'cdr1'; did you mean 'cdr_1'? (`wolkvox-etl reports` lists every report)"),
        (Y.yaml(report: "agents"),
         "pipeline.yaml:4:11: source.report: unknown report 'agents'; did you mean 'real_time.agents' or 'information.agents'? (`wolkvox-etl reports` lists every report)"),
        (Y.yaml(source: ["timezone: America/Bogata"]),
         "pipeline.yaml:9:13: source.timezone: unknown time zone 'America/Bogata'; did you mean 'America/Bogota'? (an IANA name like America/Bogota or UTC)"),
        (Y.yaml(source: ["timezone: Bogota"]),
         "pipeline.yaml:9:13: source.timezone: unknown time zone 'Bogota'; did you mean 'America/Bogota'? (an IANA name like America/Bogota or UTC)"),
        (Y.yaml(source: ["timezone: EST"]),
         "pipeline.yaml:9:13: source.timezone: unknown time zone 'EST'; did you mean 'America/New_York'? (an IANA name like America/Bogota or UTC)"),
        (Y.yaml(source: ["timezone: COT"]),
         "pipeline.yaml:9:13: source.timezone: unknown time zone 'COT'; did you mean 'America/Bogota'? (an IANA name like America/Bogota or UTC)"),
        (Y.yaml(source: ["timezone: Mars/Olympus"]),
         "pipeline.yaml:9:13: source.timezone: unknown time zone 'Mars/Olympus' (an IANA name like America/Bogota or UTC)"),
        (Y.yaml(source: ["base_url: https://x.example.com"]),
         "pipeline.yaml:9:3: source.base_url: give either server or base_url, not both"),
        (Y.yaml(endpoint: nil),
         "pipeline.yaml:4:3: source.server: missing; write server: \"0002\" (for https://wv0002.wolkvox.com) or base_url: https://..."),
        (Y.yaml(endpoint: .server("wv0002.wolkvox.com")),
         "pipeline.yaml:5:11: source.server: expected a server number like \"0002\" (quote it to keep the zeros), got 'wv0002.wolkvox.com'"),
        (Y.yaml(endpoint: .baseURL("http://wv0002.wolkvox.com")),
         "pipeline.yaml:5:13: source.base_url: must use https; plain http is allowed only for loopback (127.0.0.0/8, localhost, [::1])"),
        (Y.yaml(endpoint: .baseURL("http://128.0.0.1")),
         "pipeline.yaml:5:13: source.base_url: must use https; plain http is allowed only for loopback (127.0.0.0/8, localhost, [::1])"),
        (Y.yaml(endpoint: .baseURL("ftp://x.example.com")),
         "pipeline.yaml:5:13: source.base_url: expected a URL like https://wv0002.wolkvox.com, got 'ftp://x.example.com'"),
        (Y.yaml(endpoint: .baseURL("https://x.example.com/?token=1")),
         "pipeline.yaml:5:13: source.base_url: must not hold a query, fragment or credentials (the token goes in source.token)"),
        (Y.yaml(token: nil),
         "pipeline.yaml:4:3: source.token: missing; write token: ${WOLKVOX_TOKEN} and export the variable"),
        (Y.yaml(token: "\"\""), "pipeline.yaml:6:10: source.token: is empty"),
        (Y.yaml(token: "\"two words\""),
         "pipeline.yaml:6:10: source.token: must be one word of printable ASCII (it is sent as the wolkvox-token header)"),
        // dates
        (Y.yaml(from: "2025-02-30"),
         "pipeline.yaml:7:9: source.from: '2025-02-30' is not a calendar day"),
        (Y.yaml(from: "last week"),
         "pipeline.yaml:7:9: source.from: expected a day like 2025-01-05, today, yesterday or today-7d, got 'last week'"),
        (Y.yaml(from: "2025-01-10", to: "2025-01-09"),
         "pipeline.yaml:7:9: source.from: '2025-01-10' is after 'to' '2025-01-09'"),
        (Y.yaml(from: "today"),
         "pipeline.yaml:7:9: source.from: 'today' is after 'to' 'yesterday'"),
        (Y.yaml(to: nil),
         "pipeline.yaml:4:3: source.to: missing; cdr_1 needs a range: a day like 2025-01-05, today, yesterday or today-7d"),
        (Y.yaml(report: "calls_last_10", source: ["from: today"]),
         "pipeline.yaml:7:3: source.from: calls_last_10 takes no range (it is a snapshot of the last minutes); remove it"),
        // top level
        (Y.yaml(version: "2"),
         "pipeline.yaml:1:10: version: unsupported version '2'; this wolkvox-etl reads version: 1"),
        (Y.yaml(version: nil), "pipeline.yaml:1:1: version: missing; write version: 1"),
        (Y.yaml(name: "../etc/passwd"),
         "pipeline.yaml:2:7: name: must be a file name of letters, digits, '.', '_' and '-' (no leading dot), got '../etc/passwd'"),
        (Y.yaml(name: ".hidden"),
         "pipeline.yaml:2:7: name: must be a file name of letters, digits, '.', '_' and '-' (no leading dot), got '.hidden'"),
        (Y.yaml() + "sink: s3\n",
         "pipeline.yaml:9:1: sink: unknown key; allowed: version, name, source, transform, load"),
        (Y.yaml() + "laod: {}\n",
         "pipeline.yaml:9:1: laod: unknown key; did you mean 'load'? allowed: version, name, source, transform, load"),
        // transform
        (Y.yaml(transform: ["fields: { cost: decimall }"]),
         "pipeline.yaml:10:19: transform.fields.cost: unknown type 'decimall'; did you mean 'decimal'? allowed: string, int, decimal, duration, timestamp, percent"),
        (Y.yaml(transform: ["drop: [coment]"]),
         "pipeline.yaml:10:10: transform.drop.coment: unknown field of cdr_1; did you mean 'comment'? allowed: agent_name, date, destiny, telephone, cost, time_seg, time_min, cod_act, description_cod_act, cod_act_2, description_cod_act_2, type_interaction, customer_id, hang_up, campaign_id, conn_id, skill_id, skill_name, agent_id, comment"),
        (Y.yaml(transform: ["rename: { time_sec: duration_s }"]),
         "pipeline.yaml:10:13: transform.rename.time_sec: unknown field of cdr_1; did you mean 'time_seg'? allowed: agent_name, date, destiny, telephone, cost, time_seg, time_min, cod_act, description_cod_act, cod_act_2, description_cod_act_2, type_interaction, customer_id, hang_up, campaign_id, conn_id, skill_id, skill_name, agent_id, comment"),
        (Y.yaml(transform: ["rename: { cost: telephone }"]),
         "pipeline.yaml:10:11: transform.rename: two fields would land as column 'telephone': telephone and cost"),
        (Y.yaml(transform: ["drop: [cost]", "rename: { cost: price }"]),
         "pipeline.yaml:11:13: transform.rename.cost: is dropped; drop it or rename it, not both"),
        (Y.yaml(transform: ["on_error: skip"]),
         "pipeline.yaml:10:13: transform.on_error: unknown value 'skip'; allowed: reject, null, fail"),
        (Y.yaml(transform: ["on_eror: fail"]),
         "pipeline.yaml:10:3: transform.on_eror: unknown key; did you mean 'on_error'? allowed: fields, drop, rename, on_error"),
        // load
        (Y.yaml(load: ["gzip_level: 10"]), "pipeline.yaml:10:15: load.gzip_level: must be 1 to 9, got 10"),
        (Y.yaml(load: ["format: parquet"]),
         "pipeline.yaml:10:11: load.format: unknown value 'parquet'; allowed: ndjson, csv"),
        (Y.yaml(load: ["format: [ndjson, ndjson]"]), "pipeline.yaml:10:20: load.format: 'ndjson' is listed twice"),
        (Y.yaml(load: ["format: []"]), "pipeline.yaml:10:11: load.format: is empty; allowed: ndjson, csv"),
        (Y.yaml(load: ["compression: zstd"]),
         "pipeline.yaml:10:16: load.compression: unknown value 'zstd'; allowed: gzip, none"),
        (Y.yaml(load: ["root: \"\""]), "pipeline.yaml:10:9: load.root: is empty; give the landing directory, e.g. out"),
        (Y.yaml(load: ["max_records_per_file: 0"]), "pipeline.yaml:10:25: load.max_records_per_file: must be at least 1, got 0"),
        // YAML itself
        ("version: 1\nname: [unclosed\n", "pipeline.yaml:3:1: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"),
        ("version: 1\nversion: 1\n", "pipeline.yaml:1:1: key written twice: version"),
        ("", "pipeline.yaml: the file is empty; see the example in DESIGN.md"),
        ("- a\n- b\n", "pipeline.yaml:1:1: expected a mapping of keys (version, name, source, transform, load), got a list"),
    ]

    @Test(arguments: cases)
    func problemIsReportedWithFileLineKeyAndRule(yaml: String, expected: String) {
        #expect(PipelineFixtures.problems(yaml) == [expected])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let problems = PipelineFixtures.problems(
            (try? String(contentsOfFile: PipelineFixtures.path("broken-many.yaml"), encoding: .utf8)) ?? "")
        #expect(
            problems == [
                "pipeline.yaml:8:3: source.lookbak_days: unknown key; did you mean 'lookback_days'? allowed: report, server, base_url, token, timezone, from, to, lookback_days, max_days_per_request, max_records_per_request, concurrency, max_calls, licenses, timeout, retry, params",
                "pipeline.yaml:9:9: source.from: '2025-02-30' is not a calendar day",
                "pipeline.yaml:11:16: source.concurrency: must be 1 or 2 (at most 2 requests at once per token), got 3",
                "pipeline.yaml:12:12: source.timeout: expected a duration like 500ms, 60s, 5m or 1h, got '60'",
                "pipeline.yaml:14:19: transform.fields.cost: unknown type 'decimall'; did you mean 'decimal'? allowed: string, int, decimal, duration, timestamp, percent",
                "pipeline.yaml:15:10: transform.drop.coment: unknown field of cdr_1; did you mean 'comment'? allowed: agent_name, date, destiny, telephone, cost, time_seg, time_min, cod_act, description_cod_act, cod_act_2, description_cod_act_2, type_interaction, customer_id, hang_up, campaign_id, conn_id, skill_id, skill_name, agent_id, comment",
                "pipeline.yaml:17:20: load.format: unknown value 'parquet'; allowed: ndjson, csv",
                "pipeline.yaml:18:15: load.gzip_level: must be 1 to 9, got 10",
            ])
    }

    @Test(arguments: [
        ("broken-syntax.yaml", ["broken-syntax.yaml:5:11: YAML syntax: mapping values are not allowed in this context"]),
        ("broken-report.yaml",
         ["broken-report.yaml:4:11: source.report: unknown report 'cdr1'; did you mean 'cdr_1'? (`wolkvox-etl reports` lists every report)"]),
        ("broken-missing.yaml", [
            "broken-missing.yaml:1:1: version: missing; write version: 1",
            "broken-missing.yaml:1:1: name: missing; write name: calls-nightly (it names the state file)",
            "broken-missing.yaml:2:3: source.server: missing; write server: \"0002\" (for https://wv0002.wolkvox.com) or base_url: https://...",
            "broken-missing.yaml:2:3: source.token: missing; write token: ${WOLKVOX_TOKEN} and export the variable",
        ]),
        ("broken-realtime-range.yaml", [
            "broken-realtime-range.yaml:5:13: source.base_url: must use https; plain http is allowed only for loopback (127.0.0.0/8, localhost, [::1])",
            "broken-realtime-range.yaml:7:13: source.timezone: unknown time zone 'America/Bogata'; did you mean 'America/Bogota'? (an IANA name like America/Bogota or UTC)",
            "broken-realtime-range.yaml:8:3: source.from: calls_last_10 takes no range (it is a snapshot of the last minutes); remove it",
        ]),
    ])
    func brokenFixtureReportsItsProblems(file: String, expected: [String]) {
        do {
            _ = try PipelineLoader.load(path: PipelineFixtures.path(file), environment: PipelineFixtures.environment)
            Issue.record("\(file) loaded")
        } catch {
            let rendered = error.problems.map(\.description)
            let relative = rendered.map { $0.replacingOccurrences(of: PipelineFixtures.directory.path + "/", with: "") }
            #expect(relative == expected)
        }
    }
}
