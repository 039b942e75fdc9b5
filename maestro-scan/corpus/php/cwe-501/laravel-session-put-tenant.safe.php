<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class TenantSwitchController extends Controller
{
    public function __invoke(Request $request)
    {
        $tenant = $request->header('X-Tenant');
        abort_unless($request->user()->tenants()->whereKey($tenant)->exists(), 403);
        $request->session()->put('tenant_id', (int) $tenant);
        return redirect('/');
    }
}
