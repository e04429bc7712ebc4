import ArgumentParser
import WolkvoxAPI
import WolkvoxMock

// The mock's enums are spelled on the command line by their raw values. Same package as the
// enums, so the conformances are not retroactive.
extension MockCapKeeps: ExpressibleByArgument {}
extension MockRowOrder: ExpressibleByArgument {}
extension MockMsgCount: ExpressibleByArgument {}

/// `report:YYYY-MM-DD[:H-H]:rows`, e.g. `cdr_1:2025-03-14:76000` or `cdr_1:2025-03-20:10-10:72000`.
extension MockSpike: ExpressibleByArgument {
    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || parts.count == 4, !parts[0].isEmpty,
            let day = LocalDay(iso: parts[1]), let rows = Int(parts[parts.count - 1]), rows >= 0
        else { return nil }
        var hours = 0...23
        if parts.count == 4 {
            let bounds = parts[2].split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, 0 <= bounds[0], bounds[0] <= bounds[1], bounds[1] <= 23 else { return nil }
            hours = bounds[0]...bounds[1]
        }
        self.init(report: parts[0], day: day, hours: hours, rows: rows)
    }
}

/// `name=value@YYYY-MM-DD`, e.g. `skill_id=7@2025-03-02`.
extension FailingQuery: ExpressibleByArgument {
    init?(argument: String) {
        guard let at = argument.lastIndex(of: "@"), let equals = argument[..<at].firstIndex(of: "="),
            let day = LocalDay(iso: String(argument[argument.index(after: at)...]))
        else { return nil }
        let name = String(argument[..<equals]), value = String(argument[argument.index(after: equals)..<at])
        guard !name.isEmpty, !value.isEmpty else { return nil }
        self.init(parameter: name, value: value, day: day)
    }
}
