package org.fedimpute.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns user-service's {@code roles} and {@code tier} claims into {@code ROLE_*} and {@code TIER_*} authorities. */
final class TokenAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        String tier = jwt.getClaimAsString("tier");
        if (tier != null) {
            authorities.add(new SimpleGrantedAuthority("TIER_" + tier));
        }
        return authorities;
    }
}
