<?php
$ldap = ldap_connect('ldaps://ldap.example.com');
ldap_set_option($ldap, LDAP_OPT_PROTOCOL_VERSION, 3);
ldap_bind($ldap, 'cn=reader,dc=example,dc=com', getenv('LDAP_READER_PW'));

$user = $_POST['username'] ?? '';
$search = ldap_search($ldap, 'ou=people,dc=example,dc=com', "(uid={$user})", ['dn']);
$entries = ldap_get_entries($ldap, $search);

if ($entries['count'] === 1 && @ldap_bind($ldap, $entries[0]['dn'], $_POST['password'] ?? '')) {
    echo 'welcome';
} else {
    http_response_code(401);
}
