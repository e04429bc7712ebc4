import Foundation
import WolkvoxAPI

/// Help for a report name that is not in the catalog: the closest name of the whole catalog.
package enum ReportNameHelp {
    /// `; did you mean 'agent_1'? (`wolkvox-etl reports` lists every report)`. An `api=` value
    /// of another endpoint (`agents`) suggests its catalog names (`information.agents`, ...).
    package static func didYouMean(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let hint = "`wolkvox-etl reports` lists every report"
        let sameAPI = ReportCatalog.all.filter { $0.api.lowercased() == trimmed.lowercased() }.map(\.name)
        if !sameAPI.isEmpty {
            return "; did you mean " + sameAPI.map { "'\($0)'" }.joined(separator: " or ") + "? (\(hint))"
        }
        let suggestion = Suggestions.closest(to: trimmed, in: ReportCatalog.acceptedNames)
        return suggestion.map { "; did you mean '\($0)'? (\(hint))" } ?? "; \(hint)"
    }
}
