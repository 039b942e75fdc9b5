<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class DeviceTrustController extends Controller
{
    public function trust(Request $request)
    {
        $token = $request->user()->createDeviceToken();
        $cookie = cookie('trusted_device', $token, 60 * 24 * 90, '/', null, false, false);
        return response()->json(['trusted' => true])->withCookie($cookie);
    }
}
