package import Foundation

/// The IMF-fixdate of HTTP headers (`Wed, 02 Dec 2026 08:14:47 GMT`), as S3 servers write
/// `Date` and `Last-Modified`.
package enum HTTPDate {
    package static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    package static func format(_ date: Date) -> String {
        formatter().string(from: date)
    }

    // A formatter per call: DateFormatter is not Sendable, and these are read a few times a run.
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
