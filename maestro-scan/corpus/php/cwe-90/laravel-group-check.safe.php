<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class GroupMembershipController extends Controller
{
    public function check(Request $request)
    {
        $conn = ldap_connect(config('ldap.host'));
        ldap_bind($conn, config('ldap.bind_dn'), config('ldap.bind_password'));
        $group = ldap_escape($request->input('group'), '', LDAP_ESCAPE_FILTER);
        $filter = sprintf('(&(objectClass=groupOfNames)(cn=%s)(member=%s))', $group, $request->user()->ldap_dn);
        $result = ldap_search($conn, 'ou=groups,dc=acme,dc=io', $filter);
        return response()->json(['member' => ldap_count_entries($conn, $result) > 0]);
    }
}
