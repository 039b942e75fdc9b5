<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class GreetingController extends Controller
{
    public function show(Request $request)
    {
        $name = $request->input('name', 'friend');
        return response("<h1>Hello {$name}</h1>")->header('Content-Type', 'text/html');
    }
}
