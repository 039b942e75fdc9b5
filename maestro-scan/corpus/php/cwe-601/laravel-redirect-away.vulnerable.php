<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class OutboundLinkController extends Controller
{
    public function go(Request $request)
    {
        $url = $request->query('url');
        return redirect()->away($url);
    }
}
