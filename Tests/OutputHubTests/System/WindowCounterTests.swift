import Foundation
@testable import OutputHub
import Testing
import Vapor

@Suite("System: limits that hold across servers")
struct WindowCounterTests {
    @Test("Concurrent takes from two servers are allowed exactly the limit, and a new window starts afresh")
    func exactUnderConcurrency() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_020))  // 40 s into a minute
        try await withApp(clients: HubClients(clock: clock)) { app in
            try await withSecondServer(app, clients: HubClients(clock: clock)) { second in
                let counters = [WindowCounter(store: app.store, clients: app.hubClients), WindowCounter(store: second.store, clients: second.hubClients)]
                let decisions = try await withThrowingTaskGroup(of: WindowCounter.Decision.self) { group in
                    for i in 0..<60 { group.addTask { try await counters[i % 2].take("calls:config-1", limit: 25, window: 60) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(decisions.filter(\.allowed).count == 25, "exactly the limit is allowed")
                #expect(decisions.filter { !$0.allowed }.allSatisfy { abs($0.retryAfter - 20) < 0.001 }, "refused until the window ends")
                #expect(try await counters[0].count("calls:config-1", window: 60) == 25)
                clock.advance(20)
                #expect(try await counters[1].take("calls:config-1", limit: 25, window: 60).allowed, "a new minute")
                #expect(try await counters[0].count("calls:config-1", window: 60, windowsAgo: 1) == 25)
            }
        }
    }

    @Test("Counts add up, resets forget them, deadlines hold until they pass and lapsed rows are pruned")
    func addResetHoldPrune() async throws {
        let clock = TestClock()
        try await withApp(clients: HubClients(clock: clock)) { app in
            let counter = WindowCounter(store: app.store, clients: app.hubClients)
            #expect(try await counter.add("k", window: 900) == 1)
            #expect(try await counter.add("k", window: 900, amount: 4) == 5)
            try await counter.reset("k")
            #expect(try await counter.count("k", window: 900) == 0)
            try await counter.hold("lock:k", until: clock.now().addingTimeInterval(60))
            #expect(try await counter.heldUntil(["lock:k", "lock:other"]) == clock.now().addingTimeInterval(60))
            _ = try await counter.add("k", window: 900)
            clock.advance(3 * 900)
            #expect(try await counter.heldUntil(["lock:k"]) == nil)
            #expect(try await counter.prune() == 2)
        }
    }

    @Test("The sign-in throttle holds across servers and parallel guesses: of 12 concurrent attempts on one account, 5 get through")
    func throttleAcrossServers() async throws {
        let clock = TestClock()
        try await withApp(seeded: true, clients: HubClients(clock: clock)) { app in
            try await withSecondServer(app, clients: HubClients(clock: clock)) { second in
                let throttles = [SignInThrottle(store: app.store, clients: app.hubClients), SignInThrottle(store: second.store, clients: second.hubClients)]
                let waits = try await withThrowingTaskGroup(of: TimeInterval?.self) { group in
                    for i in 0..<12 { group.addTask { try await throttles[i % 2].attempt(email: i % 3 == 0 ? "Ann@alpha.test" : "ann@alpha.test", address: "10.0.0.\(i)") } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(waits.filter { $0 == nil }.count == 5, "exactly five attempts are let through")
                #expect(waits.compactMap { $0 }.allSatisfy { $0 > 0 && $0 <= 15 * 60 })
                #expect(try await throttles[0].attempt(email: "bob@beta.test", address: "10.0.0.1") == nil, "another account from the same address is not locked")
                clock.advance(15 * 60 + 1)
                #expect(try await throttles[1].attempt(email: "ann@alpha.test", address: nil) == nil, "the lock lifts by itself")
                try await throttles[1].succeeded(email: "ann@alpha.test", address: nil)
                for _ in 0..<4 { #expect(try await throttles[0].attempt(email: "ann@alpha.test", address: nil) == nil, "a success starts the count again") }
            }
        }
    }
}
