<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class TenantSwitchController extends Controller
{
    public function __invoke(Request $request)
    {
        $tenant = $request->header('X-Tenant');
        $request->session()->put('tenant_id', $tenant);
        return redirect('/');
    }
}
