package import WolkvoxAPI

/// The rule for a pipeline's `name`, which names its state file and run reports: the one the
/// reader, `validate` and `new` all apply.
package enum PipelineName {
    /// What a name may hold, for messages.
    package static let rule = "a file name of letters, digits, '.', '_' and '-' (no leading dot)"

    /// Whether `name` is safe as a file name: `[A-Za-z0-9._-]`, 1 to 200 bytes, no leading dot.
    package static func isValid(_ name: String) -> Bool {
        let safe = name.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
        }
        return !name.isEmpty && name.utf8.count <= 200 && safe && !name.hasPrefix(".")
    }

    /// The name a new pipeline for `report` gets: `REPORT-nightly`, or `REPORT-poll` for a snapshot.
    package static func suggested(for report: ReportSpec) -> String {
        report.name + (report.takesRange ? "-nightly" : "-poll")
    }
}
