import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// The documented exit codes, decided in one place.
struct RunExitTests {
    @Test(arguments: [
        (ETLError.Code.pipeline, RunExit.badPipeline), (.quota, .quota), (.auth, .auth),
        (.interrupted, .interrupted), (.unreachable, .daysFailed), (.state, .daysFailed), (.io, .daysFailed),
        (.daysFailed, .daysFailed),
    ])
    func aStoppedRunExitsWithTheDocumentedCode(code: ETLError.Code, exit: RunExit) {
        #expect(RunExit(ETLError(code, "why")) == exit)
    }

    @Test func theCodesAreTheDocumentedNumbers() {
        #expect(RunExit.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 130])
        #expect(RunExit(failedDays: 0) == .landed)
        #expect(RunExit(failedDays: 2) == .daysFailed)
    }

    @Test func quotaAuthAndSignalsStopTheNextPipelinesAndFailedDaysDoNot() {
        #expect(RunExit.allCases.filter(\.stopsLaterRuns) == [.quota, .auth, .interrupted])
    }

    @Test func theWorseOfTwoExitsIsTheHigherCode() {
        #expect(RunExit.landed.worse(.daysFailed) == .daysFailed)
        #expect(RunExit.quota.worse(.daysFailed) == .quota)
        #expect(RunExit.daysFailed.worse(.landed) == .daysFailed)
    }
}

/// API failures gain the pipeline's context where WolkvoxETL wraps them.
struct ETLErrorAPITests {
    static let url = "https://wv0002.wolkvox.com/api/v2/reports_manager.php?api=cdr_1"

    static func api(_ kind: WolkvoxAPIError.Kind, status: Int? = nil) -> WolkvoxAPIError {
        WolkvoxAPIError(kind: kind, message: "what the server did", url: url, httpStatus: status)
    }

    @Test(arguments: [
        (WolkvoxAPIError.Kind.tokenRefused, ETLError.Code.auth, "source.token"),
        (.quotaExceeded, .quota, "run again tomorrow"),
        (.hostNotFound, .unreachable, "check source.server"),
        (.connectionRefused, .unreachable, "check source.server or source.base_url"),
    ])
    func failuresEveryRequestWouldMeetEndTheRunNamingWhatToCheck(
        kind: WolkvoxAPIError.Kind, code: ETLError.Code, advice: String
    ) throws {
        let error = try #require(ETLError(endingRunOn: Self.api(kind)))
        #expect(error.code == code)
        #expect(error.message.hasPrefix("\(kind.rawValue): what the server did (\(Self.url))"), "\(error.message)")
        #expect(error.message.contains(advice), "\(error.message)")
    }

    @Test(arguments: [
        WolkvoxAPIError.Kind.tokenBusy, .maintenance, .badRequest, .server, .transport, .timeout, .serverTimeLimit,
        .malformedResponse,
    ])
    func otherFailuresFailOnlyTheirWindow(kind: WolkvoxAPIError.Kind) {
        #expect(ETLError(endingRunOn: Self.api(kind)) == nil)
    }

    @Test func aRejectedRequestNamesTheKeysThatShapedIt() {
        #expect(ETLError.reason(windowFailedWith: Self.api(.badRequest, status: 404)).hasSuffix("check source.server or source.base_url"))
        #expect(ETLError.reason(windowFailedWith: Self.api(.badRequest, status: 400)).hasSuffix("check source.report and its dates"))
        #expect(ETLError.reason(windowFailedWith: Self.api(.server, status: 500)) == Self.api(.server, status: 500).description)
    }
}

/// One rule for pipeline names and one spelling of durations, for the reader and `new`.
struct PipelineNameTests {
    @Test(arguments: ["calls-nightly", "cdr_1.backfill", "A9", String(repeating: "a", count: 200)])
    func fileNameSafeNamesAreValid(name: String) {
        #expect(PipelineName.isValid(name))
    }

    @Test(arguments: ["", ".hidden", "a/b", "a b", "ñame", String(repeating: "a", count: 201)])
    func otherNamesAreNot(name: String) {
        #expect(!PipelineName.isValid(name))
    }

    @Test func aSuggestedNameIsValidAndSaysHowTheReportRuns() {
        #expect(PipelineName.suggested(for: ReportCatalog.cdr1) == "cdr_1-nightly")
        #expect(PipelineName.suggested(for: ReportCatalog.callsLast10) == "calls_last_10-poll")
        for report in ReportCatalog.all { #expect(PipelineName.isValid(PipelineName.suggested(for: report))) }
    }

    @Test(arguments: [Duration.seconds(60), .seconds(1), .milliseconds(500), .milliseconds(1500), .seconds(3600)])
    func aFormattedDurationReadsBackAsItself(duration: Duration) {
        #expect(DurationText.parse(DurationText.format(duration)) == duration)
    }
}
