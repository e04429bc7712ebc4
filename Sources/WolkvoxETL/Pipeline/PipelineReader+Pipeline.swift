import WolkvoxAPI
import Yams

extension PipelineReader {
    /// The whole file; nil when a required part is missing or invalid.
    mutating func pipeline(_ root: Node) -> Pipeline? {
        guard let e = entries(root, "", allowed: PipelineLoader.topKeys) else { return nil }
        if let n = e["version"] {
            if let version = text(n, "version", expected: "1"), version.trimmingCharacters(in: .whitespaces) != "1" {
                problem(n, "version", "unsupported version \(Self.quote(version)); this wolkvox-etl reads version: 1")
            }
        } else {
            missing(e, "version", "write version: 1")
        }
        var name: String?
        if let n = e["name"] {
            name = self.name(n)
        } else {
            missing(e, "name", "write name: calls-nightly (it names the state file)")
        }
        var source: Pipeline.Source?
        var report: ReportSpec?
        if let n = e["source"] {
            source = self.source(n)
            // Transform checks field names against the report even when another source key is wrong.
            report = source?.report
            if report == nil, case .scalar(let s)? = n["report"] {
                report = ReportCatalog.report(named: (try? EnvironmentSubstitution.substitute(s.string, environment: environment)) ?? "")
            }
        } else {
            missing(e, "source", "say which report to extract and from where (report, server, token, from, to)")
        }
        var transform = Pipeline.Transform()
        if let n = e["transform"] { transform = self.transform(n, report: report) ?? transform }
        var load = Pipeline.Load()
        if let n = e["load"] { load = self.load(n) ?? load }
        guard let name, let source else { return nil }
        return Pipeline(name: name, source: source, transform: transform, load: load)
    }

    /// A safe file name: it names the state file and run reports.
    private mutating func name(_ n: Node) -> String? {
        guard let name = string(n, "name") else { return nil }
        guard PipelineName.isValid(name) else {
            problem(n, "name", "must be \(PipelineName.rule), got \(Self.quote(name))")
            return nil
        }
        return name
    }
}
