import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Maintenance, the daily quota and slow answers.
struct MockFaultsRefusalTests {
    @Test(arguments: MockFaults.MaintenancePage.allCases)
    func maintenanceIsA403WithAMaintenancePage(page: MockFaults.MaintenancePage) async throws {
        var faults = MockFaults()
        faults.maintenanceRate = 1
        faults.maintenancePage = page
        faults.retryAfterSeconds = 30
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath)
            #expect(answer.status == 403)
            #expect(answer.headers["retry-after"] == "30")
            switch page {
            case .html:
                #expect(answer.headers["content-type"]?.hasPrefix("text/html") == true)
                #expect(answer.text.contains("Service under maintenance"))
            case .json:
                #expect(answer.json?["msg"] as? String == "SERVER UNDER MAINTENANCE, PLEASE TRY AGAIN LATER")
                #expect(answer.json?["code"] as? String == "403")
            }
            #expect(server.stats.faultsInjected == [.maintenance: 1])
        }
    }

    @Test func maintenanceWindowCoversTheGivenRequestNumbers() async throws {
        var faults = MockFaults()
        faults.maintenanceRequests = 2...3
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            var statuses: [Int?] = []
            for _ in 0..<4 { statuses.append(try await rawGet(server.baseURL, MockFaultsTests.dayPath).status) }
            #expect(statuses == [200, 403, 403, 200])
            #expect(server.stats.faultsInjected == [.maintenance: 2])
        }
    }

    @Test func quotaIsSpentAfterTheGivenCalls() async throws {
        var faults = MockFaults()
        faults.quotaAfterCalls = 3
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            let empty = reportPath("cdr_1", "20231231000000", "20231231235959")
            #expect(try await rawGet(server.baseURL, MockFaultsTests.dayPath).status == 200)
            #expect(try await rawGet(server.baseURL, empty).status == 404)
            #expect(try await rawGet(server.baseURL, MockFaultsTests.dayPath).status == 200)
            for _ in 0..<2 {
                let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath)
                #expect(answer.status == 403)
                #expect(answer.text == #"{"code": "403", "error": "Forbidden", "msg": "TOKEN LIMIT EXCEEDED"}"#)
            }
            // A refused token is still told so: the quota belongs to the accepted one.
            #expect(try await rawGet(server.baseURL, MockFaultsTests.dayPath, token: "nope").json?["msg"] as? String == "PLEASE VALIDATE TOKEN")
            #expect(server.stats.tokenCalls == 3)
            #expect(server.stats.faultsInjected == [.quotaExceeded: 2])
        }
    }

    @Test func quotaAnswerWinsOverOtherFaults() async throws {
        var faults = MockFaults()
        faults.quotaAfterCalls = 0
        faults.serverErrorRate = 1
        faults.garbledJSONRate = 1
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath)
            #expect(answer.json?["msg"] as? String == "TOKEN LIMIT EXCEEDED")
            #expect(server.stats.faultsInjected == [.quotaExceeded: 1])
        }
    }

    @Test func slowBeforeHeadSendsNothingWithinTheClientsTimeout() async throws {
        var faults = MockFaults()
        faults.slowRate = 1
        faults.slowPlacement = .beforeHead
        faults.slowDelay = .seconds(30)
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            // 3 s of silence against a 30 s stall: long enough for a loaded CI machine to start answering.
            let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath, readTimeout: 3)
            #expect(answer.timedOut)
            #expect(answer.status == nil)
            #expect(server.stats.faultsInjected == [.slow: 1])
        }
    }

    @Test func slowMidBodyStallsAfterPartOfA200() async throws {
        var faults = MockFaults()
        faults.slowRate = 1
        faults.slowPlacement = .midBody
        faults.slowDelay = .seconds(30)
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            // 3 s of silence against a 30 s stall: long enough for a loaded CI machine to start answering.
            let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath, readTimeout: 3)
            #expect(answer.timedOut)
            #expect(answer.status == 200)
            #expect(!answer.complete)
            #expect(answer.text.hasPrefix(#"{"code":"200""#))
            #expect(server.stats.faultsInjected == [.slow: 1])
        }
    }

    @Test func slowAnswerArrivesWholeAfterTheDelay() async throws {
        var faults = MockFaults()
        faults.slowRate = 1
        faults.slowDelay = .milliseconds(200)
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            for _ in 0..<4 {
                let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath)
                #expect(answer.status == 200)
                #expect(answer.json != nil)
            }
            #expect(server.stats.faultsInjected == [.slow: 4])
        }
    }
}
