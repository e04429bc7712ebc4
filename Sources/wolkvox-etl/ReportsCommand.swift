import ArgumentParser
import WolkvoxAPI
import WolkvoxETL

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Show the report catalog: every report by area and kind; for one, its parameters, fields and types.",
        discussion: "Field names keep the API's own spelling (aht_outbund, destinity, campaing_id)."
    )

    @Argument(help: "A report name (agent_1, cdr_1, information.agents, real_time.agents, ...); all when omitted.")
    var report: String?

    func validate() throws {
        if let report, ReportCatalog.report(named: report) == nil {
            throw ValidationError("unknown report '\(report)'" + ReportNameHelp.didYouMean(report))
        }
    }

    func run() throws {
        guard let report, let spec = ReportCatalog.report(named: report) else {
            print(Self.listing(), terminator: "")
            return
        }
        print(Self.detail(spec), terminator: "")
    }

    /// Every report grouped by area, in the catalog's order, with its kind and title.
    static func listing() -> String {
        var areas: [String] = []
        var byArea: [String: [ReportSpec]] = [:]
        for spec in ReportCatalog.all {
            if byArea[spec.area] == nil { areas.append(spec.area) }
            byArea[spec.area, default: []].append(spec)
        }
        let width = ReportCatalog.all.map(\.name.count).max() ?? 14
        let kindWidth = ReportKind.allCases.map(\.summary.count).max() ?? 10
        var out = ""
        for area in areas {
            let specs = byArea[area] ?? []
            out += "\(area) (\(specs.count))\n"
            for spec in specs {
                let params = spec.requiredParameters.map(\.name)
                out += "  " + pad(spec.name, width) + "  " + pad(spec.kind.summary, kindWidth) + "  " + spec.title
                    + (params.isEmpty ? "" : " [needs \(params.joined(separator: ", "))]") + "\n"
            }
            out += "\n"
        }
        let counts = ReportKind.allCases.map { kind in
            "\(ReportCatalog.all.filter { $0.kind == kind }.count) \(kind.summary)"
        }
        out += "\(ReportCatalog.all.count) reports: \(counts.joined(separator: ", ")).\n"
        out += "wolkvox-etl reports REPORT shows a report's parameters, fields and types; wolkvox-etl new REPORT writes a starter pipeline.\n"
        return out
    }

    /// One report: where it is asked, its parameters, how it is windowed and landed, its fields.
    static func detail(_ spec: ReportSpec) -> String {
        var out = "\(spec.name): \(spec.title)\n"
        out += "area: \(spec.area)\n"
        out += "endpoint: api/v2/\(spec.endpoint.rawValue)?api=\(spec.api)"
            + (spec.takesRange ? "&date_ini=...&date_end=..." : " (no dates)") + "\n"
        out += "kind: \(spec.kind.summary)\n"
        out += "windows: \(windowing(spec))\n"
        out += "partition: dt = \(dayOf(spec))\n"
        out += "key: \(spec.key.joined(separator: ", "))\n"
        switch spec.envelope {
        case .list: break
        case .object: out += "answer: `data` is one object: one row per call\n"
        case .records: out += "answer: the rows are the `records` array (no `data` key)\n"
        }
        if spec.parameters.isEmpty {
            out += "parameters: none\n"
        }
        for parameter in spec.parameters {
            out += "parameter \(parameter.name) (\(parameter.required ? "required" : "optional"), in source.params)"
                + (parameter.summary.isEmpty ? "" : ": \(parameter.summary)") + "\n"
        }
        out += "fields (API spelling; types after transform, override with transform.fields):\n"
        let width = spec.fields.map(\.name.count).max() ?? 10
        for field in spec.fields {
            // One line a field, so scripts can read the name and type as the first two words.
            let type: String =
                switch field.nesting {
                case .array: "array"
                case .object: "object"
                case nil: field.type.rawValue
                }
            var elements = ""
            if let nesting = field.nesting {
                elements = (nesting.isArray ? "; each element: " : "; keys: ") + nested(nesting.fields)
            }
            out += "  " + pad(field.name, width) + "  " + pad(type, 9) + "  " + field.summary + elements + "\n"
        }
        return out
    }

    /// `channel string, from string, conversation [from string, msg string]`.
    static func nested(_ fields: [ReportSpec.Field]) -> String {
        fields.map { field in
            field.nesting.map { "\(field.name) [\(nested($0.fields))]" } ?? "\(field.name) \(field.type.rawValue)"
        }.joined(separator: ", ")
    }

    static func windowing(_ spec: ReportSpec) -> String {
        switch spec.kind {
        case .timestamped:
            "up to max_days_per_request days a call, split when a response reaches the 60,000 cap"
        case .dated, .datedHourly:
            "one local day a call"
        case .undatedHourly:
            "one local day a call; rows are that day's hours (the hour is a column)"
        case .windowTotals:
            "one local day a call: the API adds up the whole asked window, so per-day figures need a call per day"
        case .snapshot:
            "none: each run lands what the API holds at that moment (poll it with `run --watch`)"
        }
    }

    static func dayOf(_ spec: ReportSpec) -> String {
        switch spec.dayOf {
        case .field(let name): "day of `\(name)`"
        case .dateField(let name): "`\(name)` (the day asked for)"
        case .windowDay: "the day asked for (records carry no date)"
        case .runDay: "the day of the run, its time in `snapshot_at`; a later run the same day replaces the day"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
