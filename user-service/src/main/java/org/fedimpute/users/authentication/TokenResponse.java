package org.fedimpute.users.authentication;

/** What a login or a refresh returns, in OAuth 2.0's names and shape. */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[accessToken=***, expiresIn=" + expiresIn + ", refreshToken=***]";
    }
}
