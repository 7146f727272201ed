package io.invoicesync.platform.security;

import io.invoicesync.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Stateless HTTP Basic on every endpoint; 401 and 403 are problem+json like every other refusal. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, List<ApiAccessRules> rules, ProblemWriter problems) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"invoicesync\"");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                            "Authentication required", "Send HTTP Basic credentials of an InvoiceSync user");
                }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                                "Your role may not " + request.getMethod() + " " + request.getRequestURI())))
                .authorizeHttpRequests(requests -> {
                    // The container's forward of a failure to /error answers that failure (ProblemErrorController);
                    // it is no new request to authorise, and a 401 there would hide the real refusal.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.forEach(rule -> rule.declare(requests));
                    requests.requestMatchers("/v3/api-docs/**", "/error").authenticated();
                    requests.anyRequest().denyAll();
                });
        return http.build();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        properties.users().forEach((name, user) -> manager.createUser(User.withUsername(name)
                .password(user.password())
                .passwordEncoder(password -> password.startsWith("{") ? password : encoder.encode(password))
                .roles(user.roles().toArray(String[]::new))
                .build()));
        return manager;
    }
}
