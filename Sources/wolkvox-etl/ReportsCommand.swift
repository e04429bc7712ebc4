import ArgumentParser
import WolkvoxAPI

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Show the report catalog: fields, their types after transform, the day field and key."
    )

    @Argument(help: "A report name (cdr_1, cdr_6, chat_4, diagram_13, calls_last_10); all when omitted.")
    var report: String?

    func validate() throws {
        if let report, ReportCatalog.report(named: report) == nil {
            throw ValidationError(
                "unknown report '\(report)'; known reports: \(ReportCatalog.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let report, let spec = ReportCatalog.report(named: report) else {
            for spec in ReportCatalog.all {
                print("\(spec.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(spec.title)"
                    + " (\(spec.fields.count) fields, partitioned by \(Self.dayOf(spec)))")
            }
            print("\nwolkvox-etl reports REPORT shows a report's fields.")
            return
        }
        print("\(spec.name): \(spec.title)")
        print("endpoint: api/v2/\(spec.endpoint.rawValue)\(spec.takesRange ? " (date_ini, date_end)" : " (no dates: a snapshot)")")
        print("partition: dt = \(Self.dayOf(spec))")
        print("key: \(spec.key.joined(separator: ", "))")
        print("")
        let width = spec.fields.map(\.name.count).max() ?? 10
        for field in spec.fields {
            print("  \(field.name.padding(toLength: width, withPad: " ", startingAt: 0))  "
                + "\(field.type.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(field.summary)")
        }
    }

    static func dayOf(_ spec: ReportSpec) -> String {
        switch spec.dayOf {
        case .field(let name): return "day of `\(name)`"
        case .windowDay: return "the day asked for (records carry no date)"
        }
    }
}
