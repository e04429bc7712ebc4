import Testing

@testable import WolkvoxETL

struct NotEnabledNoteTests {
    @Test func onlyARunWhoseEveryAnswerWasNotFoundAndThatLandedNothingGetsTheNote() {
        #expect(NotEnabledNote.text(report: "agent_1", answers: 3, notFound: 3, rowsLanded: 0)?.contains("may not be enabled") == true)
        #expect(NotEnabledNote.text(report: "agent_1", answers: 1, notFound: 1, rowsLanded: 0)?.hasPrefix("the only answer") == true)
        // One empty day among days with data, a run with no call at all, rows landed from
        // answers before: nothing to say.
        #expect(NotEnabledNote.text(report: "agent_1", answers: 3, notFound: 2, rowsLanded: 0) == nil)
        #expect(NotEnabledNote.text(report: "agent_1", answers: 0, notFound: 0, rowsLanded: 0) == nil)
        #expect(NotEnabledNote.text(report: "agent_1", answers: 2, notFound: 2, rowsLanded: 5) == nil)
    }
}
