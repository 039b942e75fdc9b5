<?php
function person_filter(string $employeeId): string
{
    return "(&(objectClass=person)(employeeNumber={$employeeId}))";
}

$conn = ldap_connect('ldap://hr-directory');
ldap_bind($conn);
$id = (string) (int) ($_GET['employee'] ?? 0);
$res = ldap_search($conn, 'ou=hr,dc=corp', person_filter($id), ['cn', 'title']);
echo json_encode(ldap_get_entries($conn, $res));
