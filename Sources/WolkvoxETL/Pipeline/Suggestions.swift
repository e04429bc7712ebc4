import Foundation

/// "Did you mean" help for misspelled keys, reports, types and zones.
enum Suggestions {
    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    /// case-insensitive: "laod" is one edit from "load".
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidate, if it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word, candidate)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or nothing.
    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `; did you mean 'x'? allowed: a, b` or `; allowed: a, b`.
    static func allowed(_ word: String, in candidates: [String]) -> String {
        let all = "allowed: " + candidates.joined(separator: ", ")
        return closest(to: word, in: candidates).map { "; did you mean '\($0)'? " + all } ?? "; " + all
    }

    /// A real zone close to `name`: same name in another case, the same city, or a typo.
    static func timeZone(near name: String) -> String? {
        let known = TimeZone.knownTimeZoneIdentifiers
        let lower = name.lowercased()
        if let exact = known.first(where: { $0.lowercased() == lower }) { return exact }
        let city = lower.split(separator: "/").last.map(String.init) ?? lower
        let cityKey = city.replacingOccurrences(of: " ", with: "_")
        if let zone = TimeZone(abbreviation: name.uppercased()), zone.identifier.contains("/") { return zone.identifier }
        if let sameCity = known.first(where: { $0.lowercased().hasSuffix("/" + cityKey) }) { return sameCity }
        return closest(to: name, in: known)
    }
}
