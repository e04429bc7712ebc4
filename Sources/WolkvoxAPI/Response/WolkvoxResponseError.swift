/// A response body that is not the JSON the API promises: malformed, truncated or oversized.
///
/// Printed as `malformed JSON at byte 1234: expected ',' or '}' after value (near "…")`.
/// Such an answer is worth retrying: it is usually a connection cut short or an error page.
package struct WolkvoxResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        /// The bytes are not valid JSON (or not the envelope's shape).
        case malformed
        /// The body ended before the JSON was complete.
        case truncated
        /// One record (or one envelope value) exceeded the parser's `maxRecordBytes`.
        case tooLarge
    }

    package var kind: Kind
    /// Byte offset in the body where the problem was seen.
    package var offset: Int
    /// What was expected or went wrong, e.g. "expected ',' or '}' after value".
    package var reason: String
    /// A short, printable excerpt of the body around `offset` (empty when unknown).
    package var excerpt: String
    /// Records emitted before the error; none of them is partial.
    package var recordsBefore: Int

    package init(kind: Kind, offset: Int, reason: String, excerpt: String = "", recordsBefore: Int = 0) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
        self.excerpt = excerpt
        self.recordsBefore = recordsBefore
    }

    package var description: String {
        var text: String
        switch kind {
        case .malformed: text = "malformed JSON at byte \(offset): \(reason)"
        case .truncated: text = "\(reason) (body ended at byte \(offset))"
        case .tooLarge: text = "oversized value at byte \(offset): \(reason)"
        }
        if !excerpt.isEmpty { text += " (near \"\(excerpt)\")" }
        return text
    }
}
