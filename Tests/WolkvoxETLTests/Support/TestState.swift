import WolkvoxAPI
@testable import WolkvoxETL


/// States as earlier runs would have left them.
enum TestState {
    static func landed(days: [LocalDay], perHour: Int) -> PipelineState {
        var state = PipelineState(pipeline: "p", report: "cdr_1")
        for day in days {
            state.landed[day.description] = .init(
                rows: perHour * 24, rejects: 0, runID: "r", landedAt: "t", contentDigest: "d",
                hours: Array(repeating: perHour, count: 24))
        }
        return state
    }
}
