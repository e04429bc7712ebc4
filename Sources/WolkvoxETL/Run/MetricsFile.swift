package import Foundation

/// A run's figures in the Prometheus text format, for node_exporter's textfile collector:
/// an alert on `wolkvox_etl_last_run_exit_code != 0` pages on a failed night.
package enum MetricsFile {
    package static func render(_ report: RunReport, now: Date = Date()) -> String {
        let labels = "pipeline=\"\(escape(report.pipeline))\",report=\"\(escape(report.report))\""
        let landed = report.days.filter { $0.status == .landed }.count
        let failed = report.days.filter { $0.status == .failed }.count
        let metrics: [(String, String, Double)] = [
            ("last_run_exit_code", "Exit code of the last run (0 ok, 1 days failed, 3 quota, 4 auth, 130 interrupted).", Double(report.exitCode ?? -1)),
            ("last_run_timestamp_seconds", "When the last run finished, Unix time.", now.timeIntervalSince1970.rounded()),
            ("last_run_duration_seconds", "Wall time of the last run.", report.seconds ?? 0),
            ("last_run_days_landed", "Days landed by the last run.", Double(landed)),
            ("last_run_days_failed", "Days that failed in the last run.", Double(failed)),
            ("last_run_rows", "Rows landed by the last run.", Double(report.rows)),
            ("last_run_rejects", "Records sent to rejects by the last run.", Double(report.rejects)),
            ("last_run_api_calls", "API calls made by the last run (each spends daily quota).", Double(report.calls)),
            ("last_run_retries", "Retried API calls in the last run.", Double(report.retries)),
            ("last_run_bytes", "Bytes of data files landed by the last run.", Double(report.bytes)),
        ]
        var out = ""
        for (name, help, value) in metrics {
            out += "# HELP wolkvox_etl_\(name) \(help)\n# TYPE wolkvox_etl_\(name) gauge\n"
            out += "wolkvox_etl_\(name){\(labels)} \(format(value))\n"
        }
        return out
    }

    /// Written atomically: the collector must never read a half-written file.
    package static func write(_ report: RunReport, to path: String) throws {
        try AtomicFile.write(Data(render(report).utf8), to: URL(fileURLWithPath: path))
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
