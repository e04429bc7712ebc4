/// What a landed day adds to the run report and the state (`RunContext.land`).
struct LandedDayRecord: Sendable {
    var entry: RunReport.Day
    var state: PipelineState.LandedDay
    /// Bytes the landing wrote: 0 for a day found unchanged.
    var bytes: Int
}
