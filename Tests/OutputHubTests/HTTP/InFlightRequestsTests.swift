import Foundation
import NIOCore
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Shutdown waits for requests still being handled, so the database is not closed under them.
@Suite struct InFlightRequestsTests {
    /// A responder whose answer comes when the test says so.
    final class HeldResponder: Responder, Sendable {
        let promise: EventLoopPromise<Response>
        init(_ eventLoop: any EventLoop) { promise = eventLoop.makePromise() }
        func respond(to request: Request) -> EventLoopFuture<Response> { promise.futureResult }
    }

    @Test(.timeLimit(.minutes(1))) func shutdownWaitsForARequestInFlight() async throws {
        let app = try await Application.make(.testing)
        let inFlight = InFlightRequests(drainTimeout: .seconds(30))
        let held = HeldResponder(app.eventLoopGroup.next())
        let response = inFlight.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: held)
        #expect(inFlight.current == 1)

        let shutdown = Task { await inFlight.shutdownAsync(app); return ContinuousClock.now }
        await inFlight.untilDraining()  // shutdown is waiting for the request before it answers
        let answered = ContinuousClock.now
        held.promise.succeed(Response(status: .ok))
        _ = try await response.get()
        let stopped = await shutdown.value
        #expect(stopped >= answered, "shutdown returned before the request in flight finished")
        #expect(inFlight.current == 0)
        try await app.asyncShutdown()
    }

    @Test func shutdownGivesUpAfterTheDrainTimeout() async throws {
        let app = try await Application.make(.testing)
        let inFlight = InFlightRequests(drainTimeout: .milliseconds(100))
        let held = HeldResponder(app.eventLoopGroup.next())
        let response = inFlight.respond(to: Request(application: app, on: app.eventLoopGroup.next()), chainingTo: held)
        let started = ContinuousClock.now
        await inFlight.shutdownAsync(app)
        #expect(ContinuousClock.now - started >= .milliseconds(100))
        #expect(inFlight.current == 1)
        held.promise.fail(Abort(.serviceUnavailable))
        _ = try? await response.get()
        #expect(inFlight.current == 0)
        try await app.asyncShutdown()
    }

    /// Through the application: a request still being handled when the application shuts down keeps its
    /// database until it answers (lifecycle handlers stop in reverse order, so the drain must come after
    /// the database's; without it the handler below finds the database closed, or crashes).
    @Test(.timeLimit(.minutes(10))) func aRequestInFlightKeepsTheDatabaseUntilItAnswers() async throws {
        await TestGate.shared.enter()
        let settings = try await TestDatabase.shared.freshDatabase()
        let app = try await buildApplication(settings: settings, environment: .testing)
        let (release, resume) = AsyncStream.makeStream(of: Void.self)
        app.get("held") { req async throws -> String in
            for await _ in release { break }
            guard req.application.databases.database(logger: req.logger, on: req.eventLoop) != nil else { return "database closed" }
            return "tenants: \(try await req.store.count("tenants"))"
        }
        try await app.asyncBoot()
        let inFlight = try #require(app.middleware.resolve().lazy.compactMap { $0 as? InFlightRequests }.first)
        let response = app.responder.respond(to: Request(application: app, method: .GET, url: URI(path: "/held"), on: app.eventLoopGroup.next()))
        await inFlight.untilHandling(atLeast: 1)
        let shutdown = Task { try await app.asyncShutdown() }
        // Shutdown has reached the drain, so the database's handler is next; only now does the handler go on.
        await inFlight.untilDraining()
        resume.yield()
        resume.finish()
        let body = try await response.get().body.string ?? ""
        try await shutdown.value
        await TestDatabase.shared.drop(settings)
        await TestGate.shared.leave()
        #expect(body.hasPrefix("tenants: "), "the handler answered \(body)")
    }
}
