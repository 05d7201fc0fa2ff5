/// Tenants, people, groups, permission scopes, sessions and API keys.
struct IdentityModule: OutputHubModule {
    var area: AppModule { .identity }
    var tables: [TableDeclaration] { IdentityTables.all }
    var migrations: [any SchemaMigration] { [IdentityMigrations.createIdentityTables] }
    var behaviours: [TableBehaviour] { [UserMembership.behaviour, APIKeyService.behaviour] }

    func registerRoutes(_ routes: ModuleRoutes) {
        UserPasswordAction.register(routes.admin)
    }
}

/// The Identity module's migration history (files under `Migrations/`).
enum IdentityMigrations {}
