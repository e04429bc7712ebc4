package import Foundation
package import WolkvoxAPI

/// A day as written in a pipeline file or on the command line: `2025-01-05`, `today`,
/// `yesterday`, `today-7d`, `yesterday-2d`. Relative days are resolved at run time against
/// today in the pipeline's zone.
package enum DateSpec: Sendable, Hashable, CustomStringConvertible {
    case day(LocalDay)
    /// Today plus `offsetDays` (negative: in the past).
    case today(offsetDays: Int)
    /// Yesterday plus `offsetDays` (negative: in the past).
    case yesterday(offsetDays: Int)

    /// Parses `YYYY-MM-DD`, `today`, `yesterday`, `today-Nd`, `yesterday-Nd` (also `+Nd`).
    package init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let day = LocalDay(iso: text) {
            self = .day(day)
            return
        }
        for (word, make) in [("yesterday", DateSpec.yesterday(offsetDays:)), ("today", DateSpec.today(offsetDays:))]
        where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            if rest.isEmpty {
                self = make(0)
                return
            }
            guard rest.count >= 3, rest.hasSuffix("d"), let sign = rest.first, sign == "-" || sign == "+",
                rest.dropFirst().dropLast().allSatisfy(\.isASCII),
                let n = Int(rest.dropFirst().dropLast()), n >= 0, n <= 100_000
            else { return nil }
            self = make(sign == "-" ? -n : n)
            return
        }
        return nil
    }

    /// The day this spec names when today (in the pipeline's zone) is `today`.
    package func resolve(today: LocalDay) -> LocalDay {
        switch self {
        case .day(let day): day
        case .today(let offset): today.adding(days: offset)
        case .yesterday(let offset): today.adding(days: offset - 1)
        }
    }

    /// The spec as it would be written in a pipeline file.
    package var description: String {
        func word(_ w: String, _ offset: Int) -> String {
            offset == 0 ? w : offset < 0 ? "\(w)\(offset)d" : "\(w)+\(offset)d"
        }
        switch self {
        case .day(let day): return day.description
        case .today(let offset): return word("today", offset)
        case .yesterday(let offset): return word("yesterday", offset)
        }
    }

    /// Today's day in `timeZone` at `now`.
    package static func today(in timeZone: TimeZone, now: Date = Date()) -> LocalDay {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        return LocalDateTime(naiveSeconds: seconds).day
    }
}
