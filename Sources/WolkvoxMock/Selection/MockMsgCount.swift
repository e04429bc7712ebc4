/// What the `msg` of a records answer ("N records were found") counts. The real API does not
/// say whether a cut answer reports the rows of the window or the rows it sent.
package enum MockMsgCount: String, Sendable, Hashable, CaseIterable {
    /// Every row of the window, before the cap: `"597474 records were found"` over 60,000 rows.
    case window
    /// The rows sent, after the cap: what the mock has always done.
    case returned
}
