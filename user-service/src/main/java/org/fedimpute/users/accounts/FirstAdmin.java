package org.fedimpute.users.accounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Gives a fresh installation its first admin from configuration ({@code ./platform up} generates one), so that
 * someone can register services and manage users; does nothing once any admin exists.
 */
@Component
@ConditionalOnProperty("fedimpute.users.first-admin.email")
@EnableConfigurationProperties(FirstAdmin.Settings.class)
class FirstAdmin implements ApplicationRunner {

    private final AccountService accounts;
    private final Settings settings;

    FirstAdmin(AccountService accounts, Settings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        accounts.createFirstAdmin(settings.email(), settings.password(), settings.name());
    }

    /** The first admin's e-mail, password and name. */
    @ConfigurationProperties("fedimpute.users.first-admin")
    record Settings(String email, String password, String name) {

        Settings {
            name = name == null ? "Platform administrator" : name;
        }

        @Override
        public String toString() {
            return "Settings[email=" + email + ", password=***]";
        }
    }
}
