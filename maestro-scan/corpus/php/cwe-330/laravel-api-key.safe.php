<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class ApiKeyController extends Controller
{
    public function store(Request $request)
    {
        $plain = \Illuminate\Support\Str::random(40);
        $request->user()->apiKeys()->create(['hash' => hash('sha256', $plain)]);
        return response()->json(['key' => $plain], 201);
    }
}
