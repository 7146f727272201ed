package io.invoicesync.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.CommandSideTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production sign-in on a real server: JWT bearer tokens from an issuer (a key pair made for this test, its public key
 * given as a PEM file), with roles from the token's roles claim; and an account whose password comes from the
 * environment as a {bcrypt} hash. Made passwords work beside them, and nothing lets a wrong caller in.
 */
@CommandSideTest
class SignInTest {

    private static final String ISSUER = "https://id.invoicesync.test";
    private static final KeyPair KEYS = rsaKeys();
    private static final KeyPair OTHER_KEYS = rsaKeys();
    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

    @LocalServerPort
    int port;
    @Autowired
    UserDetailsService users;
    Api api;

    @DynamicPropertySource
    static void issuerAndHashedPassword(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("issuer", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("invoicesync.security.jwt.issuer", () -> ISSUER);
        registry.add("invoicesync.security.jwt.public-key-location", () -> "file:" + pem);
        registry.add("invoicesync.security.jwt.audience", () -> "invoicesync");
        registry.add("invoicesync.security.users.admin.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD));
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aTokenWithTheProjectManagerRoleCreatesAProforma() {
        Api.Response response = create(token(KEYS, ISSUER, List.of("PROJECT_MANAGER"), "invoicesync", 300));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
    }

    @Test
    void aTokenWithAnotherRoleIsForbidden() {
        Api.Response response = create(token(KEYS, ISSUER, List.of("FINANCE_READER"), "invoicesync", 300));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("type")).isEqualTo("urn:invoicesync:problem:forbidden");
    }

    @Test
    void refusesTokensFromAnotherIssuerKeyOrAudienceAndExpiredOnes() {
        for (String bad : List.of(token(KEYS, "https://elsewhere.test", List.of("PROJECT_MANAGER"), "invoicesync", 300),
                token(OTHER_KEYS, ISSUER, List.of("PROJECT_MANAGER"), "invoicesync", 300),
                token(KEYS, ISSUER, List.of("PROJECT_MANAGER"), "another-api", 300),
                token(KEYS, ISSUER, List.of("PROJECT_MANAGER"), "invoicesync", -300),
                "not-a-token")) {
            Api.Response response = create(bad);

            assertThat(response.status()).as(bad).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("urn:invoicesync:problem:unauthenticated");
        }
    }

    @Test
    void anAccountTakesItsBcryptHashFromTheEnvironmentAndMadePasswordsStillWork() {
        Map<String, Object> parameters = Map.of("projectTaskTimeTracking", "ON_DEMAND_UPDATE",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE");

        assertThat(api.put("admin:" + ADMIN_PASSWORD, "/api/parameters", parameters).status()).isEqualTo(200);
        assertThat(api.put(Api.ADMIN, "/api/parameters", parameters).status())
                .as("the made password no longer opens an account given a hash").isEqualTo(401);
        assertThat(create(null, Api.PM).status()).as("a made password").isEqualTo(201);
        assertThat(create(null, "pm:pm-secret").status()).as("the old development password").isEqualTo(401);
    }

    @Test
    void aMadePasswordStaysAsItIsAfterSigningInSoNoRequestPaysBcrypt() {
        assertThat(create(null, Api.PM).status()).isEqualTo(201);
        assertThat(create(null, Api.PM).status()).isEqualTo(201);

        assertThat(users.loadUserByUsername("pm").getPassword()).as("not upgraded to a slow hash").startsWith("{noop}");
        assertThat(users).as("no password service to upgrade it").isNotInstanceOf(UserDetailsPasswordService.class);
    }

    private Api.Response create(String bearer) {
        return create(bearer, null);
    }

    private Api.Response create(String bearer, String user) {
        String body = "{\"projectContractId\":\"PC-JWT\",\"customerId\":\"CUST-1\",\"currency\":\"EUR\","
                + "\"invoiceDate\":\"2026-11-24\"}";
        return api.send(user, "POST", "/api/proformas", body,
                bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    private static String token(KeyPair keys, String issuer, List<String> roles, String audience, long validSeconds) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject("someone").audience(audience)
                            .claim("roles", roles).issueTime(Date.from(now.minusSeconds(600)))
                            .expirationTime(Date.from(now.plusSeconds(validSeconds))).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
