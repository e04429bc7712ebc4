import Foundation
import WolkvoxAPI
import Yams

extension PipelineReader {
    static let sourceKeys = [
        "report", "server", "base_url", "token", "timezone", "from", "to", "lookback_days",
        "max_days_per_request", "max_records_per_request", "concurrency", "max_calls", "licenses", "timeout", "retry", "params",
    ]
    static let retryKeys = ["attempts", "base_delay", "max_delay"]

    /// `source:`; nil after a problem.
    mutating func source(_ node: Node) -> Pipeline.Source? {
        let before = problems.count
        guard let e = entries(node, "source", allowed: Self.sourceKeys) else { return nil }
        let report = self.report(e)
        let baseURL = endpoint(e)
        let token = self.token(e)
        var timeZone = Pipeline.defaultTimeZone
        if let n = e["timezone"], let zone = self.timeZone(n) { timeZone = zone }
        let (from, to) = range(e, report: report)
        let params = self.params(e, report: report)
        let defaults = Pipeline.Source(report: ReportCatalog.cdr1, baseURL: "", token: "")

        func int(_ key: String, _ range: ClosedRange<Int>, _ rule: String, _ fallback: Int) -> Int {
            guard let n = e[key] else { return fallback }
            return self.int(n, "source." + key, range: range, rule: rule) ?? fallback
        }
        let lookback = int("lookback_days", 0...366, "must be 0 to 366 days", defaults.lookbackDays)
        let maxDays = int(
            "max_days_per_request", 1...31, "must be 1 to 31 (the API answers at most 31 days a query)",
            defaults.maxDaysPerRequest)
        let maxRecords = int(
            "max_records_per_request", 1...60_000,
            "must be 1 to 60000 (the API returns at most 60000 records a response)", defaults.maxRecordsPerRequest)
        let concurrency = int(
            "concurrency", 1...2, "must be 1 or 2 (at most 2 requests at once per token)", defaults.concurrency)
        let maxCalls = int("max_calls", 1...1_000_000, "must be at least 1", defaults.maxCalls)
        var licenses: Int?
        if let n = e["licenses"] {
            licenses = self.int(n, "source.licenses", range: 1...1_000_000, rule: "must be at least 1")
        }
        var timeout = defaults.timeout
        if let n = e["timeout"] {
            timeout =
                duration(n, "source.timeout", range: .milliseconds(1)...(.seconds(3600)), rule: "must be 1ms to 1h")
                ?? timeout
        }
        var retry = defaults.retry
        if let n = e["retry"] { retry = self.retry(n) ?? retry }

        guard problems.count == before, let report, let baseURL, let token else { return nil }
        return Pipeline.Source(
            report: report, baseURL: baseURL.url, token: token, server: baseURL.server, timeZone: timeZone,
            from: from, to: to, lookbackDays: lookback, maxDaysPerRequest: maxDays, maxRecordsPerRequest: maxRecords,
            concurrency: concurrency, maxCalls: maxCalls, licenses: licenses, timeout: timeout, retry: retry,
            params: params)
    }

    private mutating func report(_ e: Entries) -> ReportSpec? {
        guard let n = e["report"] else {
            missing(e, "report", "a report of the catalog, e.g. cdr_1 (`wolkvox-etl reports` lists them)")
            return nil
        }
        guard let name = string(n, "source.report") else { return nil }
        if let spec = ReportCatalog.report(named: name.trimmingCharacters(in: .whitespaces)) { return spec }
        problem(n, "source.report", "unknown report \(Self.quote(name))" + ReportNameHelp.didYouMean(name))
        return nil
    }

    private mutating func endpoint(_ e: Entries) -> (url: String, server: String?)? {
        switch (e["server"], e["base_url"]) {
        case (nil, nil):
            missing(e, "server", "write server: \"0002\" (for https://wv0002.wolkvox.com) or base_url: https://...")
            return nil
        case (.some, .some):
            problem(e.values["base_url"]?.key, "source.base_url", "give either server or base_url, not both")
            return nil
        case (let n?, nil):
            guard let text = string(n, "source.server") else { return nil }
            let server = text.trimmingCharacters(in: .whitespaces)
            guard (1...8).contains(server.count), server.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else {
                problem(n, "source.server", "expected a server number like \"0002\" (quote it to keep the zeros), got \(Self.quote(text))")
                return nil
            }
            return (Pipeline.Source.baseURL(server: server), server)
        case (nil, let n?):
            guard let text = string(n, "source.base_url") else { return nil }
            switch Self.checkBaseURL(text.trimmingCharacters(in: .whitespaces)) {
            case .success(let url): return (url, nil)
            case .failure(let message):
                problem(n, "source.base_url", message.text)
                return nil
            }
        }
    }

    struct Message: Error { var text: String }

    /// `https` anywhere; plain `http` only on loopback (tests, a local proxy).
    static func checkBaseURL(_ text: String) -> Result<String, Message> {
        let example = "expected a URL like https://wv0002.wolkvox.com, got \(quote(text))"
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return .failure(Message(text: example)) }
        guard scheme == "https" || scheme == "http" else { return .failure(Message(text: example)) }
        guard url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else {
            return .failure(Message(text: "must not hold a query, fragment or credentials (the token goes in source.token)"))
        }
        guard scheme == "https" || isLoopback(host) else {
            return .failure(Message(text: "must use https; plain http is allowed only for loopback (127.0.0.0/8, localhost, [::1])"))
        }
        var result = text
        while result.hasSuffix("/") { result.removeLast() }
        return .success(result)
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { p in p.count <= 3 && Int(p).map { (0...255).contains($0) } == true }
    }

    private mutating func token(_ e: Entries) -> String? {
        guard let n = e["token"] else {
            missing(e, "token", "write token: ${WOLKVOX_TOKEN} and export the variable")
            return nil
        }
        // Never quote the value: it is the secret.
        guard let token = text(n, "source.token", expected: "a token") else { return nil }
        guard !token.isEmpty else {
            problem(n, "source.token", "is empty")
            return nil
        }
        guard token.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
            problem(n, "source.token", "must be one word of printable ASCII (it is sent as the wolkvox-token header)")
            return nil
        }
        return token
    }

    private mutating func timeZone(_ n: Node) -> TimeZone? {
        guard let name = string(n, "source.timezone")?.trimmingCharacters(in: .whitespaces) else { return nil }
        let known = TimeZone.knownTimeZoneIdentifiers.contains(name) || name.contains("/") || name == "UTC" || name == "GMT"
        if known, let zone = TimeZone(identifier: name) { return zone }
        let hint = Suggestions.timeZone(near: name).map { "; did you mean '\($0)'?" } ?? ""
        problem(n, "source.timezone", "unknown time zone \(Self.quote(name))\(hint) (an IANA name like America/Bogota or UTC)")
        return nil
    }

    private mutating func range(_ e: Entries, report: ReportSpec?) -> (DateSpec?, DateSpec?) {
        guard let report else { return (nil, nil) }
        guard report.takesRange else {
            for key in ["from", "to"] where e.values[key] != nil {
                problem(e.values[key]?.key, "source." + key, "\(report.name) takes no range (it is a snapshot of the last minutes); remove it")
            }
            return (nil, nil)
        }
        var specs: [DateSpec?] = []
        for key in ["from", "to"] {
            guard let n = e[key] else {
                missing(e, key, "\(report.name) needs a range: a day like 2025-01-05, today, yesterday or today-7d")
                specs.append(nil)
                continue
            }
            specs.append(date(n, "source." + key))
        }
        if let from = specs[0], let to = specs[1], let (first, last) = Self.comparable(from, to), first > last {
            problem(e.values["from"]?.value, "source.from", "'\(from)' is after 'to' '\(to)'")
        }
        return (specs[0], specs[1])
    }

    /// Orders specs of the same kind: absolute days, or days relative to today. An absolute
    /// and a relative day can only be compared at run time (``Pipeline/Source/days(today:)``).
    private static func comparable(_ from: DateSpec, _ to: DateSpec) -> (Int, Int)? {
        switch (from, to) {
        case (.day(let a), .day(let b)): (a.daysSinceEpoch, b.daysSinceEpoch)
        case (.day, _), (_, .day): nil
        default: (relative(from), relative(to))
        }
    }

    private static func relative(_ spec: DateSpec) -> Int {
        switch spec {
        case .day(let day): day.daysSinceEpoch
        case .today(let offset): offset
        case .yesterday(let offset): offset - 1
        }
    }

    mutating func date(_ n: Node, _ path: String) -> DateSpec? {
        guard let text = text(n, path, expected: "a day") else { return nil }
        if let spec = DateSpec(parsing: text) { return spec }
        let shape = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { i, b in
            i == 4 || i == 7 ? b == UInt8(ascii: "-") : (b >= 48 && b <= 57)
        }
        if shape {
            problem(n, path, "\(Self.quote(text)) is not a calendar day")
            return nil
        }
        problem(n, path, "expected a day like 2025-01-05, today, yesterday or today-7d, got \(Self.quote(text))")
        return nil
    }

    private mutating func retry(_ node: Node) -> Pipeline.Retry? {
        guard let e = entries(node, "source.retry", allowed: Self.retryKeys) else { return nil }
        var retry = Pipeline.Retry()
        if let n = e["attempts"] {
            retry.attempts = int(n, "source.retry.attempts", range: 1...100, rule: "must be 1 to 100") ?? retry.attempts
        }
        if let n = e["base_delay"] {
            retry.baseDelay =
                duration(n, "source.retry.base_delay", range: .zero...(.seconds(3600)), rule: "must be at most 1h")
                ?? retry.baseDelay
        }
        if let n = e["max_delay"] {
            retry.maxDelay =
                duration(n, "source.retry.max_delay", range: .zero...(.seconds(3600)), rule: "must be at most 1h")
                ?? retry.maxDelay
        }
        if retry.maxDelay < retry.baseDelay {
            problem(e["max_delay"] ?? e["base_delay"], "source.retry.max_delay", "must not be shorter than base_delay")
            return nil
        }
        return retry
    }
}
