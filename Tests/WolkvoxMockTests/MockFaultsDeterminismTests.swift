import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// The same seed gives the same faults on the same requests.
struct MockFaultsDeterminismTests {
    static func mixed(seed: UInt64) -> MockFaults {
        var faults = MockFaults()
        faults.seed = seed
        faults.serverErrorRate = 0.15
        faults.dropMidBodyRate = 0.15
        faults.truncatedJSONRate = 0.1
        faults.garbledJSONRate = 0.1
        faults.busyRate = 0.1
        faults.maintenanceRate = 0.1
        return faults
    }

    /// What a client sees for 30 requests in a row, one line per request.
    static func outcomes(_ faults: MockFaults) async throws -> ([String], MockStats) {
        try await MockServer.withRunning(MockFaultsTests.configuration(faults)) { server in
            var lines: [String] = []
            for _ in 0..<30 {
                let answer = try await rawGet(server.baseURL, MockFaultsTests.dayPath)
                lines.append("\(answer.status ?? 0) complete=\(answer.complete) json=\(answer.json != nil) bytes=\(answer.body.count)")
            }
            return (lines, server.stats)
        }
    }

    @Test func sameSeedSameFaults() async throws {
        let (first, firstStats) = try await Self.outcomes(Self.mixed(seed: 42))
        let (second, secondStats) = try await Self.outcomes(Self.mixed(seed: 42))
        #expect(first == second)
        #expect(firstStats.faultsInjected == secondStats.faultsInjected)
        #expect(firstStats.totalFaults > 0)
        #expect(first.contains { $0.hasPrefix("200") && $0.hasSuffix("json=true") == false })
        #expect(first.contains { $0.hasPrefix("200 complete=true json=true") })
        let (other, _) = try await Self.outcomes(Self.mixed(seed: 43))
        #expect(other != first)
    }

    @Test func faultCountsMatchWhatTheClientSaw() async throws {
        let (lines, stats) = try await Self.outcomes(Self.mixed(seed: 7))
        let statuses = lines.map { $0.prefix(3) }
        #expect(statuses.filter { $0 == "500" }.count == stats.faultsInjected[.serverError, default: 0])
        #expect(statuses.filter { $0 == "403" }.count
            == stats.faultsInjected[.busy, default: 0] + stats.faultsInjected[.maintenance, default: 0])
        let broken = lines.filter { $0.hasPrefix("200") && !$0.contains("json=true") }
        #expect(broken.count
            == stats.faultsInjected[.dropMidBody, default: 0] + stats.faultsInjected[.truncatedJSON, default: 0]
            + stats.faultsInjected[.garbledJSON, default: 0])
        #expect(lines.filter { $0.hasPrefix("200 complete=false") }.count == stats.faultsInjected[.dropMidBody, default: 0])
    }

    @Test func raisingOneRateLeavesTheOtherFaultsOnTheSameRequests() async throws {
        var faults = MockFaults()
        faults.serverErrorRate = 0.3
        let (alone, _) = try await Self.outcomes(faults)
        faults.truncatedJSONRate = 0.3
        let (together, _) = try await Self.outcomes(faults)
        let errors = { (lines: [String]) in lines.indices.filter { lines[$0].hasPrefix("500") } }
        #expect(errors(alone) == errors(together))
        #expect(!errors(alone).isEmpty)
    }
}
