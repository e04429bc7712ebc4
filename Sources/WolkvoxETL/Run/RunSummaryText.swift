package import Foundation

/// The few lines a person reads at the end of a run.
package enum RunSummaryText {
    /// - Parameter bucketRoot: the `s3://BUCKET/PREFIX` root, for runs that landed in a bucket.
    package static func render(_ report: RunReport, root: URL, bucketRoot: String? = nil) -> String {
        func place(_ relative: String) -> String {
            guard let bucketRoot else { return root.appendingPathComponent(relative).path }
            return (bucketRoot.hasSuffix("/") ? bucketRoot : bucketRoot + "/") + relative
        }
        let landed = report.days.filter { $0.status == .landed }
        let failed = report.days.filter { $0.status == .failed }
        let pending = report.days.filter { $0.status == .pending }
        let skipped = report.days.filter { $0.status == .skipped }
        let unchanged = landed.filter { $0.changed == false }
        var lines: [String] = []
        let range = report.from.map { " \($0) to \(report.to ?? $0)" } ?? " (snapshot)"
        lines.append("\(report.pipeline): \(report.report)\(range): \(report.status)")
        lines.append(
            "  days landed \(landed.count)" + (unchanged.isEmpty ? "" : " (\(unchanged.count) unchanged, left as they were)")
                + (skipped.isEmpty ? "" : ", resumed \(skipped.count)")
                + (failed.isEmpty ? "" : ", failed \(failed.count)") + (pending.isEmpty ? "" : ", not reached \(pending.count)")
                + " · rows \(report.rows) · rejects \(report.rejects) · calls \(report.calls) · retries \(report.retries)"
                + " · splits \(report.splits) · \(String(format: "%.1f", report.seconds ?? 0)) s")
        let changedDays = landed.filter { $0.changed == true }.map(\.day)
        if !unchanged.isEmpty, !changedDays.isEmpty, changedDays.count <= 10 {
            lines.append("  changed: " + changedDays.joined(separator: ", "))
        }
        for day in failed {
            lines.append("  failed dt=\(day.day): \(day.reason ?? "unknown")")
        }
        if let message = report.message { lines.append("  \(message)") }
        if let note = report.note { lines.append("  note: \(note)") }
        lines.append("  data: \(place(report.report))/dt=*/  run report: \(place("_wolkvox/runs/\(report.runID).json"))")
        if report.rejects > 0 {
            lines.append("  rejects: \(place("_wolkvox/rejects/\(report.report)"))/")
        }
        return lines.joined(separator: "\n")
    }
}
