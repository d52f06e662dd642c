package org.fedimpute.users.accounts;

import org.springframework.data.repository.Repository;

/** Architecture fixture: a feature's repository. */
public interface AccountRepository extends Repository<Object, Long> {}
