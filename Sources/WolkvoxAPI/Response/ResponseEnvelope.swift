/// What a response said besides its records: the top-level `code`, `error` and `msg`, how many
/// records `data` held and what shape it had.
package struct ResponseEnvelope: Sendable, Hashable {
    /// The shape `data` arrived in. The API has been seen sending all four.
    package enum DataShape: String, Sendable, Hashable {
        /// `"data": [ {...}, ... ]`
        case list
        /// `"data": {"0": {...}, ...}` (each value a record) or `"data": {...}` (one record).
        case object
        /// No `data` key at all.
        case absent
        /// `"data": null`
        case null
    }

    /// The JSON `code` as text: `"200"` whether it arrived as the number 200 or the string "200".
    package var code: String?
    /// The JSON `error`; nil when absent or null.
    package var error: String?
    /// The JSON `msg`, e.g. "N records were found" or "Validate dates entered".
    package var msg: String?
    /// Records emitted from `data`.
    package var recordCount: Int
    package var dataShape: DataShape

    package init(code: String? = nil, error: String? = nil, msg: String? = nil, recordCount: Int = 0, dataShape: DataShape = .absent) {
        self.code = code
        self.error = error
        self.msg = msg
        self.recordCount = recordCount
        self.dataShape = dataShape
    }
}
