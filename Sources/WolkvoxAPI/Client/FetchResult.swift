/// What one successful request brought.
package struct FetchResult: Sendable, Hashable {
    /// Records delivered to `onRecord`. A count equal to the API's cap (60,000) may mean the
    /// API truncated the answer silently: split the window and ask again.
    package var records: Int
    /// The response's envelope; nil when the answer had no JSON body worth reading.
    package var envelope: ResponseEnvelope?
    /// The HTTP status (404 for "no records for these dates").
    package var httpStatus: Int
    /// Body bytes received.
    package var bytes: Int
    /// The request URL, which never contains the token.
    package var url: String

    package init(records: Int, envelope: ResponseEnvelope?, httpStatus: Int, bytes: Int, url: String) {
        self.records = records
        self.envelope = envelope
        self.httpStatus = httpStatus
        self.bytes = bytes
        self.url = url
    }
}
