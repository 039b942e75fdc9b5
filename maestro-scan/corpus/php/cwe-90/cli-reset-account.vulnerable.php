<?php
[$script, $login] = $argv + [null, null];
if ($login === null) {
    exit("usage: unlock.php LOGIN\n");
}
$conn = ldap_connect('ldap://dc01.corp.local');
ldap_bind($conn, getenv('LDAP_ADMIN_DN'), getenv('LDAP_ADMIN_PW'));
$res = ldap_search($conn, 'dc=corp,dc=local', '(sAMAccountName=' . $login . ')');
foreach (ldap_get_entries($conn, $res) as $entry) {
    if (is_array($entry)) {
        ldap_mod_replace($conn, $entry['dn'], ['lockoutTime' => '0']);
        echo "unlocked {$entry['dn']}\n";
    }
}
