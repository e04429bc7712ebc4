public import Foundation

/// The few lines a person reads at the end of a run.
public enum RunSummaryText {
    public static func render(_ report: RunReport, root: URL) -> String {
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
        let dataPath = root.appendingPathComponent(report.report).path
        lines.append("  data: \(dataPath)/dt=*/  run report: \(root.appendingPathComponent("_wolkvox/runs/\(report.runID).json").path)")
        if report.rejects > 0 {
            lines.append("  rejects: \(root.appendingPathComponent("_wolkvox/rejects/\(report.report)").path)/")
        }
        return lines.joined(separator: "\n")
    }
}
