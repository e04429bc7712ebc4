import Foundation
import Testing
@testable import WolkvoxETL

/// Whether a run may take a bucket pipeline's lease, and when a holder renews or gives up.
struct PipelineLeaseTests {
    let written = Date(timeIntervalSince1970: 1_800_000_000)

    func lease(owner: String, ttl: Int = 60) -> PipelineLease {
        PipelineLease(owner: owner, runID: "20270115T020000Z-00abcd", host: "cron-7", pid: 4242, ttlSeconds: ttl, acquiredAt: "2027-01-15T02:00:00Z")
    }

    func found(_ lease: PipelineLease?, serverSecondsLater: TimeInterval) -> FoundLease {
        FoundLease(lease: lease, eTag: "e1", lastModified: written, serverNow: written.addingTimeInterval(serverSecondsLater))
    }

    @Test func noLeaseIsCreatedOnConditionThatThereIsStillNone() {
        #expect(LeaseVerdict.decide(found: nil, owner: "me") == .create)
    }

    @Test func anotherRunsLeaseHoldsThePipelineUntilItsLastRenewalPlusItsLifetime() {
        let other = lease(owner: "other", ttl: 60)
        let verdict = LeaseVerdict.decide(found: found(other, serverSecondsLater: 59), owner: "me")
        #expect(verdict == .held(by: other, until: written.addingTimeInterval(60)))
    }

    @Test func aLeaseNotRenewedForItsLifetimeIsTakenOverOnConditionOfItsETag() {
        let stale = found(lease(owner: "killed", ttl: 60), serverSecondsLater: 60)
        #expect(LeaseVerdict.decide(found: stale, owner: "me") == .takeOver(expired: stale))
    }

    @Test func expiryIsJudgedByTheServersClockNotTheLeaseHoldersLifetimeAlone() {
        // The same lease, read at two server times: only the answer's Date decides.
        let other = lease(owner: "other", ttl: 10)
        #expect(LeaseVerdict.decide(found: found(other, serverSecondsLater: 9), owner: "me") != .takeOver(expired: found(other, serverSecondsLater: 9)))
        let later = found(other, serverSecondsLater: 11)
        #expect(LeaseVerdict.decide(found: later, owner: "me") == .takeOver(expired: later))
    }

    @Test func theRunsOwnLeaseIsMineEvenWhenExpired() {
        let own = found(lease(owner: "me", ttl: 5), serverSecondsLater: 100)
        #expect(LeaseVerdict.decide(found: own, owner: "me") == .mine(own))
    }

    @Test func anUnreadableObjectGuardsNothingAndIsTakenOver() {
        let garbage = found(nil, serverSecondsLater: 0)
        #expect(LeaseVerdict.decide(found: garbage, owner: "me") == .takeOver(expired: garbage))
    }

    @Test func theLeaseRoundTripsThroughJSONWithSnakeCaseKeys() throws {
        let original = lease(owner: "me")
        let bytes = try original.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"ttl_seconds\""))
        #expect(text.contains("\"run_id\""))
        #expect(try JSONDecoder().decode(PipelineLease.self, from: Data(bytes)) == original)
    }

    @Test func aHolderRenewsEveryThirdOfTheLifetime() {
        let renewal = LeaseRenewal(ttl: .seconds(60))
        #expect(renewal.next(sinceLastRenewal: .zero) == .renew(after: .seconds(20)))
        #expect(renewal.next(sinceLastRenewal: .seconds(5)) == .renew(after: .seconds(15)))
    }

    @Test func afterAFailedRenewalTheNextAttemptComesSoonAndBeforeTheDeadline() {
        let renewal = LeaseRenewal(ttl: .seconds(60))
        #expect(renewal.next(sinceLastRenewal: .seconds(21)) == .renew(after: .seconds(5)))
        // 52.5 s is the deadline: at 50 s the attempt is due within what is left.
        #expect(renewal.next(sinceLastRenewal: .seconds(50)) == .renew(after: .milliseconds(2500)))
    }

    @Test func aHolderThatCouldNotRenewBeforeTheDeadlineHasLostTheLease() {
        let renewal = LeaseRenewal(ttl: .seconds(60))
        #expect(renewal.deadline == .milliseconds(52_500))
        #expect(renewal.next(sinceLastRenewal: .milliseconds(52_500)) == .lost)
        #expect(renewal.next(sinceLastRenewal: .seconds(90)) == .lost)
    }
}
