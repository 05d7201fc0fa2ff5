/// Tenants, people, groups, permission scopes, sessions and API keys.
struct IdentityModule: OutputHubModule {
    var area: AppModule { .identity }
    var tables: [TableDeclaration] { IdentityTables.all }
    var migrations: [any SchemaMigration] { [IdentityMigrations.createIdentityTables] }
    var behaviours: [TableBehaviour] { [UserMembership.behaviour, APIKeyService.behaviour] }
    var scheduledTasks: [ScheduledTask] {
        [ScheduledTask("identity.expired-sessions", .every(minutes: 60)) { context in
            try await SessionService(store: context.store, clients: context.clients).purgeExpired()
        }]
    }

    func registerRoutes(_ routes: ModuleRoutes) {
        UserPasswordAction.register(routes.admin)
    }
}

/// The Identity module's migration history (files under `Migrations/`).
enum IdentityMigrations {}
